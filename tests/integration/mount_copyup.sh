#!/bin/bash
# tmpcopyup (MNT-08): a tmpfs seeded with what the image had at its
# destination -- files, directories, symlinks, modes and owners -- while
# writes to it stay in the tmpfs; on anything but a tmpfs it is refused.
source "$ARCA_TESTS/lib/common.bash"

case_tmpcopyup() {
	local b=$T/b-copyup id
	mkbundle "$b"
	mkdir -p "$b/rootfs/seed/sub"
	echo hello >"$b/rootfs/seed/sub/file"
	ln -s sub/file "$b/rootfs/seed/link"
	chmod 0750 "$b/rootfs/seed"
	chown 123:456 "$b/rootfs/seed/sub/file"
	cfg "$b" '.mounts += [{"destination": "/seed", "type": "tmpfs", "source": "tmpfs",
		"options": ["tmpcopyup", "nosuid"]}]'
	sh_args "$b" 'grep " /seed " /proc/self/mountinfo | cut -d" " -f9; stat -c "%a" /seed
		stat -c "%u:%g" /seed/sub/file; cat /seed/link; echo new >/seed/new && echo written'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "MNT-08: tmpcopyup: $ERR"
	assert_eq "$OUT" $'tmpfs\n750\n123:456\nhello\nwritten' \
		"MNT-08: the tmpfs holds the image's files, links, modes and owners"
	assert_file_absent "$b/rootfs/seed/new" "MNT-08: a write goes to the tmpfs, not the image"

	cfg "$b" '.mounts[-1].type = "mqueue"'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_failed "tmpcopyup on a mqueue"
	assert_contains "$ERR" "tmpcopyup needs a tmpfs" "the error says why"
	assert_gone "$id" "$b" "LIFE-11: after the refused tmpcopyup"
}

run_case case_tmpcopyup
finish
