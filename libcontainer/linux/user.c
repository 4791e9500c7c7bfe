#include "linux/user.h"

#include <errno.h>
#include <grp.h>
#include <unistd.h>

int user_become_ns_root(struct arca_error **err)
{
	if (setresgid(0, 0, 0) < 0 && errno != EINVAL)
		return arca_fail(err, errno, "become root of the user namespace (setresgid)");
	if (setresuid(0, 0, 0) < 0 && errno != EINVAL)
		return arca_fail(err, errno, "become root of the user namespace (setresuid)");
	return 0;
}

int user_switch(const struct spec_user *user, bool setgroups_allowed, struct arca_error **err)
{
	if (setgroups_allowed) {
		const gid_t *gids = (const gid_t *)user->additional_gids.items;
		if (setgroups(user->additional_gids.len, gids) < 0)
			return arca_fail(err, errno, "process.user.additionalGids: setgroups");
	} else if (user->additional_gids.len > 0) {
		return arca_fail_msg(err, EPERM,
		                     "process.user.additionalGids: setgroups is denied in the "
		                     "container's user namespace");
	}
	if (setresgid(user->gid, user->gid, user->gid) < 0)
		return arca_fail(err, errno, "process.user.gid: setresgid(%u)", user->gid);
	if (setresuid(user->uid, user->uid, user->uid) < 0)
		return arca_fail(err, errno, "process.user.uid: setresuid(%u)", user->uid);
	return 0;
}
