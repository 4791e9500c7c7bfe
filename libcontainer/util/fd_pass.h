/* Passing one fd over a unix socket (SCM_RIGHTS). */
#ifndef ARCA_UTIL_FD_PASS_H
#define ARCA_UTIL_FD_PASS_H

#include <sys/socket.h>

/* Room for one fd's control message, aligned as a cmsghdr. */
union fd_pass_control {
	char buf[CMSG_SPACE(sizeof(int))];
	struct cmsghdr align;
};

/* Makes hdr carry fd: its control points into control, which must outlive
 * the sendmsg. */
void fd_pass_attach(struct msghdr *hdr, union fd_pass_control *control, int fd);

#endif
