#!/bin/bash
# CVE-2024-21626 ("Leaky Vessels"): a runtime fd that leaks into the init is
# used as the container's working directory or program path.
#
# The attack: runc's init held a directory fd of the host (its /sys/fs/cgroup)
# when it did chdir(process.cwd). A config (or `exec --cwd`) naming
# /proc/self/fd/N, N being that fd, left the program with a cwd on the host,
# outside its root: `../../..` from there walks the host's filesystem. The
# same fd in process.args[0] (/proc/self/fd/N/../../bin/x) made the kernel
# exec a host program. runc 1.1.12 fixed it by closing its fds before the
# chdir, checking the cwd after it, and marking everything else
# close-on-exec.
#
# What arca does: process.cwd is resolved with openat2 RESOLVE_IN_ROOT |
# RESOLVE_NO_MAGICLINKS inside the new root, so /proc/self/fd/N (a magic
# link) is refused, and the cwd is checked to be inside the root after
# fchdir (process/finalize.c, enter_cwd); the init closes its runtime fds
# first (process/init.c, init_run) and the runtime's /proc fd before execve
# (run_program), and every fd above the passed ones is close-on-exec
# (finalize.c, limit_fds).
#
# The cases try N = 3..12 (the init's fds: its /proc, the fifo, the sync
# socket, ...) and assert that the program never reaches a file of the host
# ($T/host-secret, a random token) through its cwd, that its cwd is never
# "(unreachable)", and that a host script is never executed through the
# leaked fd. case_fallback_run_cwd repeats that with openat2 refused
# (ENOSYS, tests/tools/no_openat2.c), against arca's userspace resolution
# (linux/resolve.c).
#
# Shown to fail without the defence: a throwaway build of arca 6f24c73 outside
# the repository with enter_cwd reduced to chdir(cwd) (no resolution in the
# root, no check afterwards) failed case_run_cwd and case_create_start_cwd:
# with cwd /proc/self/fd/3 (the init's /proc of the host) the program printed
# "(unreachable)/" as its cwd and read the host's token through
# ../../../..$T/host-secret. runc 1.1.5+ds1-1+deb12u1 (Debian's fix for this
# CVE) passes.
source "$ARCA_TESTS/lib/common.bash"
source "$ARCA_TESTS/security/security.bash"

TOKEN="host-secret-$RANDOM$RANDOM"
echo "$TOKEN" >"$T/host-secret"
printf '#!/bin/sh\necho HOST-EXEC-%s\n' "$TOKEN" >"$T/host-prog"
chmod 755 "$T/host-prog"
UP=../../../../../../../../../../../..
# What the program does from its cwd: say where it is, climb out and read the
# host file, and look for a procfs of the host's pid namespace (the test's own
# pid, $$ here, is not in the container's): through its <pid>/root link the
# host's files are one step away, and its sys/ has no read-only protection.
PROBE="echo cwd=\$(readlink /proc/self/cwd); [ ! -e ./$$/status ] || echo HOST-PROCFS-CWD;
	cat ./$$/root$T/host-secret 2>/dev/null; cd $UP 2>/dev/null; cat .$T/host-secret 2>/dev/null; true"
FDS=$(seq 3 12)

# check_escape LABEL: the program's output ($OUT) shows no host access.
check_escape() {
	assert_not_contains "$OUT" "$TOKEN" "$1: the program read a host file through its cwd"
	assert_not_contains "$OUT" "(unreachable)" "$1: the program's cwd is outside its root"
	assert_not_contains "$OUT" "HOST-PROCFS-CWD" "$1: the program's cwd is the host's procfs"
	assert_not_contains "$OUT" "HOST-EXEC" "$1: a host program ran through a leaked fd"
}

cwd_bundle() { # DIR: the probe, runc's default protections
	mkbundle "$1"
	default_protections "$1"
	sh_args "$1" "$PROBE"
}

set_cwd() { # DIR CWD
	cfg "$1" '.process.cwd = $c' --arg c "$2"
}

# process.cwd = /proc/self/fd/N, with run.
case_run_cwd() {
	local n id b=$T/b-run refused=0
	cwd_bundle "$b"
	for n in $FDS; do
		set_cwd "$b" "/proc/self/fd/$n"
		id=$(new_id)
		run_ctr "$id" "$b"
		[ "$RC" = 0 ] || refused=$((refused + 1))
		check_escape "run, cwd /proc/self/fd/$n"
	done
	_say "run: $refused of $(wc -w <<<"$FDS") cwds refused"
	# an ordinary cwd still works (the refusals are not a broken runtime)
	set_cwd "$b" /tmp/work
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "run with cwd /tmp/work"
	assert_contains "$OUT" "cwd=/tmp/work" "the cwd /tmp/work"
}

# The same through create and start (the init waits on exec.fifo holding its
# fds until start).
case_create_start_cwd() {
	local n id b=$T/b-cs
	cwd_bundle "$b"
	for n in $FDS; do
		set_cwd "$b" "/proc/self/fd/$n"
		id=$(new_id)
		create_ctr "$id" "$b"
		if [ "$RC" = 0 ]; then
			capture arca start "$id"
			wait_status "$id" stopped 10
			OUT=$(ctr_out "$id")
			check_escape "create/start, cwd /proc/self/fd/$n"
		fi
		capture arca delete -f "$id"
	done
}

# process.args[0] through a leaked fd: /proc/self/fd/N/../../..$T/host-prog
case_exec_path() {
	local n id b=$T/b-path
	mkbundle "$b"
	for n in $FDS; do
		set_args "$b" "/proc/self/fd/$n/$UP$T/host-prog"
		id=$(new_id)
		run_ctr "$id" "$b"
		check_escape "args[0] /proc/self/fd/$n/...$T/host-prog"
	done
}

# `arca exec --cwd /proc/self/fd/N` into a running container.
case_exec_cwd() {
	if "$ARCA" exec --help 2>&1 | grep -q "not supported"; then
		skip_case "arca exec is not supported yet (arca exec --help says so)"
	fi
	local n id b=$T/b-exec
	mkbundle "$b"
	docker_caps "$b"
	set_args "$b" sleep 60
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_ok "create"
	capture arca start "$id"
	assert_ok "start"
	for n in $FDS; do
		capture arca exec --cwd "/proc/self/fd/$n" "$id" sh -c "$PROBE"
		check_escape "exec --cwd /proc/self/fd/$n"
		capture arca exec "$id" "/proc/self/fd/$n/$UP$T/host-prog"
		check_escape "exec /proc/self/fd/$n/...$T/host-prog"
	done
}

# the userspace fallback (openat2 refused) must refuse the magic links too
case_fallback_run_cwd() {
	without_openat2
	case_run_cwd
	case_exec_path
}

run_case case_run_cwd
run_case case_fallback_run_cwd
run_case case_create_start_cwd
run_case case_exec_path
run_case case_exec_cwd
finish
