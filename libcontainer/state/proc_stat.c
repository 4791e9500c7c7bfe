/* The two fields of /proc/PID/stat that tell whether a recorded init still
 * lives: its state letter and its start time (the pid-reuse guard). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arca/cleanup.h"
#include "state/store.h"

/* Fields are numbered from 1 as in proc(5): 2 is (comm), 3 the state. */
#define STAT_FIELD_STATE      3
#define STAT_FIELD_START_TIME 22

/* One line of at most 52 numbers and a comm of at most 64 bytes. */
#define STAT_BUF_SIZE 2048

static int read_stat_line(pid_t pid, char *buf, size_t size)
{
	char path[sizeof("/proc//stat") + 3 * sizeof(pid_t)];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);

	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	ssize_t n = read(fd, buf, size - 1);
	if (n < 0)
		return errno == ESRCH ? -ESRCH : -errno;
	buf[n] = '\0';
	return 0;
}

/* Everything after "(comm)": the comm may hold spaces and ')', so the
 * last ')' ends it. */
static int parse_stat_line(char *line, uint64_t *start_time, char *state)
{
	char *comm_end = strrchr(line, ')');
	if (!comm_end || comm_end[1] != ' ' || comm_end[2] == '\0')
		return -EINVAL;
	char *field = comm_end + 2;
	*state = *field;

	for (int n = STAT_FIELD_STATE; n < STAT_FIELD_START_TIME; n++) {
		field = strchr(field, ' ');
		if (!field)
			return -EINVAL;
		field++;
	}
	char *end;
	errno = 0;
	unsigned long long value = strtoull(field, &end, 10);
	if (errno || end == field || (*end != ' ' && *end != '\n' && *end != '\0'))
		return -EINVAL;
	*start_time = value;
	return 0;
}

int proc_stat_read(pid_t pid, uint64_t *start_time, char *state)
{
	char buf[STAT_BUF_SIZE];

	if (pid <= 0)
		return -ESRCH;
	int r = read_stat_line(pid, buf, sizeof(buf));
	if (r < 0)
		return r;
	return parse_stat_line(buf, start_time, state);
}
