#include "util/fd_pass.h"

#include <string.h>

void fd_pass_attach(struct msghdr *hdr, union fd_pass_control *control, int fd)
{
	memset(control, 0, sizeof(*control));
	hdr->msg_control = control->buf;
	hdr->msg_controllen = sizeof(control->buf);
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(hdr);
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
}
