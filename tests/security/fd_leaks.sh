#!/bin/bash
# fd leaks: the container process must get no file descriptor of the host
# beyond stdio and the ones it is given, and no other container process may
# take the init's fds while it waits to be started.
#
# The attack: a runtime that lets an fd of its caller or of its own setup
# (a directory of the host, its procfs, a socket, the state directory)
# reach the container process hands the container a handle outside its root:
# CVE-2024-21626 (a leaked cgroupfs fd used as the cwd), CVE-2016-9962 (runc
# init's fds reached through /proc/<pid>/fd by a process that joined the
# container before execve: the init was dumpable). The caller of a runtime
# routinely leaks fds (shells, daemons, CI runners).
#
# What arca does: the init marks every fd above 2 + --preserve-fds (+ the
# LISTEN_FDS) close-on-exec just before execve (process/finalize.c,
# limit_fds) and closes the runtime's own fds it does not need
# (process/init.c, init_run, parent_fds); the init clears its dumpable flag
# first thing, so until execve no process without CAP_SYS_PTRACE in the
# host's user namespace may open /proc/<init>/fd/*, exe, cwd, root, environ,
# or mem (init.c, init_run).
#
# The cases: the caller leaks a file, a directory, a pipe and a socket (fds
# 7-10) into run and into create/start; the program's pid 1 must show fds
# 0, 1, 2 only (and 3, 4 with --preserve-fds 2, which must be the caller's
# 3 and 4). An attacker container with docker's capabilities owns a pid
# namespace that a second container joins by path; while that container is
# created (its init blocked on exec.fifo) the attacker tries every
# /proc/<init>/ handle and must get none (it may list the fd numbers: the
# directory of a process that is not dumpable belongs to root); after start (a normal, dumpable
# program) the same probe must succeed, so the probe is known to work.
#
# Shown to fail without the defence: a throwaway build of arca 6f24c73
# outside the repository without the prctl(PR_SET_DUMPABLE, 0) and with
# limit_fds reduced to the --preserve-fds loop failed case_run_leaked_fds,
# case_create_start_leaked_fds (the program saw fds 7-10 of the caller) and
# case_created_init_unreachable (the attacker listed the init's fds, read
# its exe link to the host binary and its environ). runc 1.1.5 passes.
source "$ARCA_TESTS/lib/common.bash"
source "$ARCA_TESTS/security/security.bash"
command -v python3 >/dev/null || skip "python3 is needed to leak a socket fd"

# fds of pid 1 (the program's shell: it stays pid 1 because it runs more
# than one command), one per line up to "end-fds". No pipeline: while one
# runs, the shell itself holds the pipe's fds.
FD_PROBE='ls /proc/1/fd; echo end-fds; for n in 3 4; do [ -e /proc/1/fd/$n ] && echo "fd$n=$(cat /proc/1/fd/$n)"; done; true'

fd_bundle() { # DIR
	mkbundle "$1"
	docker_caps "$1"
	sh_args "$1" "$FD_PROBE"
}

# leaky CMD...: run CMD with fds 7 (a host file), 8 (a host directory),
# 9 (a pipe) and 10 (a unix socket) open and inheritable; stdio is the
# caller's.
echo "host-file" >"$T/leaked-file"
mkdir -p "$T/leaked-dir"
cat >"$T/leak.py" <<'EOF'
import os, socket, sys
f = os.open(sys.argv[1], os.O_RDONLY)
d = os.open(sys.argv[2], os.O_RDONLY | os.O_DIRECTORY)
r, w = os.pipe()
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
for fd, want in ((f, 7), (d, 8), (r, 9), (s.fileno(), 10)):
    os.dup2(fd, want, inheritable=True)
os.execvp(sys.argv[3], sys.argv[3:])
EOF
leaky() {
	python3 "$T/leak.py" "$T/leaked-file" "$T/leaked-dir" "$@"
}

check_fds() { # OUTPUT WANT LABEL
	local fds
	fds=$(sed '/^end-fds$/,$d' <<<"$1" | sort -n | tr '\n' ' ')
	assert_eq "${fds% }" "$2" "$3: the fds of the container's process"
}

case_run_leaked_fds() {
	local b=$T/b-run id
	fd_bundle "$b"
	id=$(new_id)
	capture leaky timeout -k 5 "$ARCA_CMD_TIMEOUT" "$ARCA" --root "$T/state" run --bundle "$b" "$id"
	assert_ok "run with leaked fds"
	check_fds "$OUT" "0 1 2" "run"
}

case_create_start_leaked_fds() {
	local b=$T/b-cs id
	fd_bundle "$b"
	id=$(new_id)
	leaky timeout -k 5 "$ARCA_CMD_TIMEOUT" "$ARCA" --root "$T/state" create --bundle "$b" "$id" \
		</dev/null >"$T/$id.out" 2>"$T/$id.err" || fail "create with leaked fds: $(cat "$T/$id.err")"
	capture leaky timeout -k 5 "$ARCA_CMD_TIMEOUT" "$ARCA" --root "$T/state" start "$id"
	assert_ok "start with leaked fds"
	wait_status "$id" stopped 10
	check_fds "$(ctr_out "$id")" "0 1 2" "create/start"
}

# --preserve-fds 2: the caller's 3 and 4 (and nothing of 7-10) arrive.
case_preserve_fds() {
	local b=$T/b-keep id
	fd_bundle "$b"
	echo three >"$T/fd3"
	echo four >"$T/fd4"
	id=$(new_id)
	capture leaky bash -c 'exec 3<"$1" 4<"$2"; shift 2; exec "$@"' _ "$T/fd3" "$T/fd4" \
		timeout -k 5 "$ARCA_CMD_TIMEOUT" "$ARCA" --root "$T/state" run --preserve-fds 2 --bundle "$b" "$id"
	assert_ok "run --preserve-fds 2"
	check_fds "$OUT" "0 1 2 3 4" "run --preserve-fds 2"
	assert_contains "$OUT" "fd3=three" "--preserve-fds: fd 3 is the caller's"
	assert_contains "$OUT" "fd4=four" "--preserve-fds: fd 4 is the caller's"
}

# What the attacker tries on the init (its pid in the attacker's namespace
# arrives in /shared/pid); the report goes to /shared/report.<n>.
ATTACK='
probe() {
	p=$1
	echo "found=$(grep -c . /proc/$p/status)"
	# the fd numbers may be listed (the directory belongs to root), not
	# resolved or opened
	echo "fd-list: $(ls /proc/$p/fd 2>&1 | tr "\n" " ")"
	for n in 0 1 2 3 4 5 6 7 8 9 10 11 12; do
		[ -n "$(readlink /proc/$p/fd/$n 2>/dev/null)" ] && echo "GOT fd$n -> $(readlink /proc/$p/fd/$n)"
		(: </proc/$p/fd/$n) 2>/dev/null && echo "GOT open fd$n"
	done
	for l in exe cwd root; do
		[ -n "$(readlink /proc/$p/$l 2>/dev/null)" ] && echo "GOT $l -> $(readlink /proc/$p/$l)"
	done
	ls /proc/$p/root/ >/dev/null 2>&1 && echo "GOT root listing"
	[ -n "$(cat /proc/$p/environ 2>/dev/null)" ] && echo "GOT environ"
	dd if=/proc/$p/mem bs=1 count=1 skip=4194304 >/dev/null 2>&1 && echo "GOT mem"
	echo probe-done
}
for round in 1 2; do
	while [ ! -e /shared/go.$round ]; do sleep 0.05; done
	probe "$(cat /shared/pid)" >/shared/report.tmp 2>&1
	mv /shared/report.tmp /shared/report.$round
done'

case_created_init_unreachable() {
	local a=$T/b-attacker v=$T/b-victim s=$T/shared aid vid apid vpid nspid
	mkdir -p "$s"
	mkbundle "$a" '.mounts += [{destination: "/shared", type: "bind", source: $s, options: ["rbind"]}]' \
		--arg s "$s"
	docker_caps "$a"
	sh_args "$a" "$ATTACK"
	aid=$(new_id)
	create_ctr "$aid" "$a"
	assert_ok "create the attacker"
	capture arca start "$aid"
	assert_ok "start the attacker"
	apid=$(state_field "$aid" .pid)

	mkbundle "$v" '(.linux.namespaces[] | select(.type == "pid")) |= {type: "pid", path: $p}' \
		--arg p "/proc/$apid/ns/pid"
	docker_caps "$v"
	cfg "$v" '.process.env += ["SECRET_ENV=victim-environ"]'
	set_args "$v" sleep 30
	vid=$(new_id)
	create_ctr "$vid" "$v"
	assert_ok "create the victim in the attacker's pid namespace"
	vpid=$(state_field "$vid" .pid)
	nspid=$(awk '/^NSpid:/ { print $NF }' "/proc/$vpid/status")
	echo "$nspid" >"$s/pid"

	# round 1: the victim's init, created, holding the runtime's fds
	touch "$s/go.1"
	wait_file "$s/report.1" 10
	local r1
	r1=$(cat "$s/report.1")
	assert_contains "$r1" "probe-done" "the attacker's probe of the created init"
	assert_match "$r1" "found=[1-9]" "the attacker must see the victim's init (pid $nspid)"
	assert_not_contains "$r1" "GOT" "a container process reached the created init's handles"

	# round 2: after start the program is an ordinary process: the probe
	# must now reach it (so round 1 tested something)
	capture arca start "$vid"
	assert_ok "start the victim"
	touch "$s/go.2"
	wait_file "$s/report.2" 10
	local r2
	r2=$(cat "$s/report.2")
	assert_contains "$r2" "GOT fd0 ->" "control: the probe must reach a started program's fds"
	assert_contains "$r2" "GOT exe ->" "control: the probe must reach a started program's exe"
}

run_case case_run_leaked_fds
run_case case_create_start_leaked_fds
run_case case_preserve_fds
run_case case_created_init_unreachable
finish
