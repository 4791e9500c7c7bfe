#!/bin/bash
# CVE-2025-52565: the /dev/console bind redirected through the image.
#
# The attack: with process.terminal, the runtime bind-mounts the pty's slave
# onto /dev/console. runc did that by path, following whatever the image had
# at /dev/console; when the container has no /dev tmpfs, an image whose
# /dev/console is a symlink to a procfs file (or to any file it wants
# covered) gets the pty mounted over that file, and since the bind came
# before maskedPaths and readonlyPaths were applied, the same trick (with a
# race on /dev/pts/N) could also give the container a writable view of a
# protected procfs file. runc 1.2.8 / 1.3.3 / 1.4.0-rc.3 fixed it by making
# /dev/console itself, without following links, and binding by fd.
#
# What arca does: the pty slave comes from TIOCGPTPEER on the master it
# opened in the container's devpts (no path), and /dev/console is made in
# the container's /dev with O_NOFOLLOW; a symlink or node the image has there
# is removed first, never followed or bound over
# (libcontainer/linux/console.c, bind_console); the bind goes through
# open_tree + move_mount on that fd.
#
# The cases: an image without a /dev tmpfs whose /dev/console is a symlink
# to a file of the image, to /proc/sys/kernel/core_pattern, or to a path of
# the host ($T/host-console), run with a terminal (tests/tools/recvtty); the
# container reports (into its own /tmp/report) whether the link's target
# became a mount or a terminal, and the test checks that the target's
# content is unchanged and nothing was made on the host.
#
# Shown to fail without the defence: arca at 6ea82aa (before the fix, which
# resolved /dev/console inside the root and followed the link) fails
# case_symlink_to_image_file and case_symlink_to_procfs: /etc/target and
# /proc/sys/kernel/core_pattern became mounts of the pty (TARGET-MOUNTED);
# runc 1.1.5 fails them the same way.
source "$ARCA_TESTS/lib/common.bash"
source "$ARCA_TESTS/security/security.bash"
RECVTTY=$ARCA_TOOLS/recvtty
[ -x "$RECVTTY" ] || skip "the helper $RECVTTY is not built (tests/tools/recvtty.c)"

TOKEN="console-target-$RANDOM$RANDOM"

PROBE='exec >/tmp/report 2>&1
echo "console=$(stat -c %F /dev/console 2>&1)"
echo "target=$(stat -L -c %F "$TARGET" 2>&1)"
awk -v t="$TARGET" '"'"'$5 == t { print "TARGET-MOUNTED", $5 }'"'"' /proc/self/mountinfo
[ -t 0 ] && echo stdin-tty
echo probe-done'

# console_bundle DIR TARGET: terminal on, no /dev tmpfs (devpts stays),
# /dev/console -> TARGET.
console_bundle() {
	local b=$1 target=$2
	mkbundle "$b" '.process.terminal = true
		| .mounts |= map(select(.destination == "/dev" | not))'
	default_protections "$b"
	echo "$TOKEN" >"$b/rootfs/etc/target"
	rm -f "$b/rootfs/dev/console"
	ln -s "$target" "$b/rootfs/dev/console"
	cfg "$b" '.process.env += ["TARGET=" + $t]' --arg t "$target"
	sh_args "$b" "$PROBE"
}

# run_console ID BUNDLE: create with --console-socket served by recvtty,
# start, wait for the program to end. RC is create's status.
run_console() {
	local id=$1 b=$2 sock=$T/$1.sock
	"$RECVTTY" -t 20 "$sock" </dev/null >"$T/$id.tty" 2>"$T/$id.tty.err" &
	track_pid $!
	wait_until 5 test -S "$sock" || fail "recvtty did not start: $(cat "$T/$id.tty.err")"
	create_ctr "$id" "$b" --console-socket "$sock"
	[ "$RC" = 0 ] || return 0
	arca start "$id" >/dev/null 2>&1 || fail "start $id"
	wait_status "$id" stopped 10
}

# check_report BUNDLE LABEL
check_report() {
	local b=$1 label=$2
	OUT=$(cat "$b/rootfs/tmp/report" 2>/dev/null || true)
	assert_contains "$OUT" "probe-done" "$label: the probe's report"
	assert_not_contains "$OUT" "TARGET-MOUNTED" "$label: the console bind landed on the symlink's target"
	assert_not_contains "$OUT" "target=character special" "$label: the symlink's target became a terminal"
	assert_contains "$OUT" "stdin-tty" "$label: the program's stdin must be the terminal"
	assert_contains "$OUT" "console=character special file" "$label: /dev/console must be the terminal"
}

# /dev/console -> /etc/target, a file of the image.
case_symlink_to_image_file() {
	local b=$T/b-file id
	console_bundle "$b" /etc/target
	id=$(new_id)
	run_console "$id" "$b"
	if [ "$RC" = 0 ]; then
		check_report "$b" "/dev/console -> /etc/target"
	else
		_say "refused: $ERR"
	fi
	assert_eq "$(cat "$b/rootfs/etc/target")" "$TOKEN" "the symlink's target must be unchanged"
}

# /dev/console -> /proc/sys/kernel/core_pattern
case_symlink_to_procfs() {
	local b=$T/b-proc id before after
	before=$(cat /proc/sys/kernel/core_pattern)
	console_bundle "$b" /proc/sys/kernel/core_pattern
	id=$(new_id)
	run_console "$id" "$b"
	after=$(cat /proc/sys/kernel/core_pattern)
	[ "$after" = "$before" ] || echo "$before" >/proc/sys/kernel/core_pattern
	assert_eq "$after" "$before" "the host's core_pattern must be untouched"
	if [ "$RC" = 0 ]; then
		check_report "$b" "/dev/console -> /proc/sys/kernel/core_pattern"
	else
		_say "refused: $ERR"
	fi
}

# /dev/console -> a path of the host, once missing and once existing.
case_symlink_to_host_path() {
	local b id
	b=$T/b-host-missing
	console_bundle "$b" "$T/host-console-missing"
	id=$(new_id)
	run_console "$id" "$b"
	[ "$RC" != 0 ] || check_report "$b" "/dev/console -> a missing host path"
	assert_file_absent "$T/host-console-missing" "nothing may be made on the host"

	echo "$TOKEN" >"$T/host-console"
	b=$T/b-host
	console_bundle "$b" "$T/host-console"
	id=$(new_id)
	run_console "$id" "$b"
	[ "$RC" != 0 ] || check_report "$b" "/dev/console -> an existing host path"
	assert_eq "$(cat "$T/host-console")" "$TOKEN" "the host file must be unchanged"
}

run_case case_symlink_to_image_file
run_case case_symlink_to_procfs
run_case case_symlink_to_host_path
finish
