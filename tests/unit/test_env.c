/* The program's environment (PROC-04) as runc prepares it: duplicates keep
 * their last value, HOME comes from the container's /etc/passwd when it is
 * missing or empty, nothing else is added; LISTEN_FDS entries are appended. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "check.h"
#include "process/env.h"

static char *joined(char **envp)
{
	static char buf[1024];
	size_t len = 0;
	buf[0] = '\0';
	for (char **e = envp; *e && len < sizeof(buf); e++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", *e, e[1] ? " " : "");
	return buf;
}

static FILE *passwd_of(const char *text)
{
	FILE *f = tmpfile();
	if (f) {
		fputs(text, f);
		rewind(f);
	}
	return f;
}

static void test_proc04_env_kept_and_home_added(void)
{
	char *items[] = {"PATH=/bin", "A=1"};
	struct arca_strv env = {items, 2};
	_cleanup_fclose_ FILE *pw = passwd_of("root:x:0:0:root:/root:/bin/sh\n"
	                                      "app:x:1000:1000::/home/app:/bin/sh\n");
	_cleanup_strv_ char **out = NULL;
	CHECK(env_prepare(&env, NULL, 1000, pw, &out, NULL) == 0);
	CHECK_STREQ(joined(out), "PATH=/bin A=1 HOME=/home/app");
}

static void test_proc04_duplicates_keep_the_last_value(void)
{
	char *items[] = {"A=1", "B=2", "A=3", "HOME=/h", "B=4"};
	struct arca_strv env = {items, 5};
	_cleanup_strv_ char **out = NULL;
	CHECK(env_prepare(&env, NULL, 0, NULL, &out, NULL) == 0);
	CHECK_STREQ(joined(out), "A=3 HOME=/h B=4");
}

static void test_proc04_empty_home_replaced_default_slash(void)
{
	char *items[] = {"HOME=", "X=y"};
	struct arca_strv env = {items, 2};
	_cleanup_strv_ char **out = NULL;
	CHECK(env_prepare(&env, NULL, 42, NULL, &out, NULL) == 0);
	CHECK_STREQ(joined(out), "X=y HOME=/");
}

static void test_proc11_listen_fds_appended(void)
{
	char *items[] = {"A=1"};
	char *extra_items[] = {"LISTEN_FDS=2", "LISTEN_PID=1"};
	struct arca_strv env = {items, 1}, extra = {extra_items, 2};
	_cleanup_strv_ char **out = NULL;
	CHECK(env_prepare(&env, &extra, 0, NULL, &out, NULL) == 0);
	CHECK_STREQ(joined(out), "A=1 LISTEN_FDS=2 LISTEN_PID=1 HOME=/");
}

static void test_many_entries_stay_fast(void)
{
	size_t n = 100000;
	char **items = calloc(n, sizeof(*items));
	for (size_t i = 0; i < n; i++)
		CHECK(asprintf(&items[i], "K%zu=%zu", i % 1000, i) > 0);
	struct arca_strv env = {items, n};
	_cleanup_strv_ char **out = NULL;
	CHECK(env_prepare(&env, NULL, 0, NULL, &out, NULL) == 0);
	size_t count = 0;
	for (char **e = out; *e; e++)
		count++;
	CHECK(count == 1001); /* 1000 keys and HOME */
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

int main(void)
{
	RUN(test_proc04_env_kept_and_home_added);
	RUN(test_proc04_duplicates_keep_the_last_value);
	RUN(test_proc04_empty_home_replaced_default_slash);
	RUN(test_proc11_listen_fds_appended);
	RUN(test_many_entries_stay_fast);
	return check_exit();
}
