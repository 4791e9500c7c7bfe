#!/bin/bash
# exec: a new process in a created or running container, in every namespace
# of its init and in its cgroup, with the process's own user, environment,
# cwd and capabilities; runc's options, containerd's --process way, exit
# statuses, signals, terminals, fd hygiene, and nothing left behind.
# Checklist: §C (exec), PROC-03, PROC-11, issue 5 (cwd at exec).
source "$ARCA_TESTS/lib/common.bash"
RECVTTY=$ARCA_TOOLS/recvtty

NS_TYPES="pid mnt uts ipc net cgroup time user"
NS_SCRIPT='for n in pid mnt uts ipc net cgroup time user; do echo "$n $(readlink /proc/self/ns/$n)"; done'

ns_json() {
	local t out=""
	for t in "$@"; do out+="{\"type\":\"$t\"},"; done
	echo "[${out%,}]"
}

# start_ctr ID BUNDLE: create + start with a long sleep; prints the init's pid.
start_ctr() {
	set_args "$2" sleep 1000
	create_ctr "$1" "$2"
	assert_ok "create $1"
	capture arca start "$1"
	assert_ok "start $1"
	wait_status "$1" running 5
	state_field "$1" .pid
}

# exec_detached ID ARGS...: `exec -d --pid-file` of ARGS; prints the host pid.
exec_detached() {
	local id=$1
	shift
	capture arca exec -d --pid-file "$T/exec.pid" "$id" "$@"
	assert_ok "exec --detach $*"
	cat "$T/exec.pid"
}

# same_ns PID1 PID2 LABEL: every namespace of two host processes is one.
same_ns() {
	local t
	for t in $NS_TYPES; do
		assert_eq "$(ns_of "$1" $t)" "$(ns_of "$2" $t)" "$3: $t namespace"
	done
}

# cgroup_of PID: its cgroup lines, which exec must share with the init
cgroup_of() {
	cat "/proc/$1/cgroup"
}

# §C: the exec'd process is in every namespace and the cgroup of the init,
# with a user namespace or without.
case_namespaces_and_cgroup() {
	local id b=$T/b-ns pid xpid maps
	maps='[{"containerID":0,"hostID":100000,"size":65536}]'
	for variant in plain userns; do
		id=$(new_id)
		rm -rf "$b"
		if [ $variant = plain ]; then
			mkbundle "$b" '.linux.namespaces = $ns' \
				--argjson ns "$(ns_json pid mount uts ipc network cgroup time)"
		else
			mkbundle "$b" '.linux.namespaces = $ns | .linux.uidMappings = $m | .linux.gidMappings = $m' \
				--argjson ns "$(ns_json pid mount uts ipc network cgroup user)" --argjson m "$maps"
			chown -R 100000:100000 "$b/rootfs"
		fi
		pid=$(start_ctr "$id" "$b")
		capture arca exec "$id" sh -c "$NS_SCRIPT"
		assert_ok "$variant: exec"
		local t
		for t in $NS_TYPES; do
			assert_contains "$OUT" "$t $(ns_of "$pid" $t)" "$variant: the exec'd process's $t namespace"
		done
		xpid=$(exec_detached "$id" sleep 100)
		same_ns "$pid" "$xpid" "$variant: detached exec"
		assert_eq "$(cgroup_of "$xpid")" "$(cgroup_of "$pid")" "$variant: the exec'd process's cgroups"
		if [ $variant = userns ]; then
			assert_eq "$(awk '/^Uid:/ { print $2 }' "/proc/$xpid/status")" 100000 \
				"userns: host uid of the exec'd root"
		fi
		capture arca delete -f "$id"
		assert_ok "delete -f"
		assert_gone "$id" "$b" "$xpid" "$variant: after delete -f"
	done
}

# the config's process is the default: user, env, cwd; the options change it
# as runc does.
case_options() {
	local id b=$T/b-opts
	id=$(new_id)
	mkbundle "$b" '.process.env += ["FROM_CONFIG=1", "OVER=config"] | .process.cwd = "/root"
		| .process.capabilities = {"bounding": ["CAP_CHOWN", "CAP_KILL"],
		    "effective": ["CAP_CHOWN"], "permitted": ["CAP_CHOWN"]}'
	start_ctr "$id" "$b" >/dev/null
	capture arca exec "$id" sh -c 'echo "cwd=$(pwd) ids=$(id -u):$(id -g) env=$FROM_CONFIG"'
	assert_ok "exec with the config's process"
	assert_eq "$OUT" "cwd=/root ids=0:0 env=1" "the config's cwd, user and env"

	capture arca exec --cwd /tmp -e OVER=flag -e NEW=x --user 1000:1001 -g 10 -g 20 \
		"$id" sh -c 'echo "cwd=$(pwd) uid=$(id -u) gid=$(id -g) groups=$(id -G) env=$OVER,$NEW,$FROM_CONFIG"'
	assert_ok "exec with options"
	assert_eq "$OUT" "cwd=/tmp uid=1000 gid=1001 groups=1001 10 20 env=flag,x,1" \
		"--cwd, --env (the last value wins), --user, --additional-gids"

	# CAP_CHOWN 0, CAP_KILL 5, CAP_NET_ADMIN 12, CAP_SYS_ADMIN 21; root's
	# effective set after execve is its bounding set
	capture arca exec "$id" sh -c 'grep -E "^Cap(Eff|Bnd)" /proc/self/status'
	assert_contains "$OUT" "CapBnd:	0000000000000021" "the config's bounding set"
	capture arca exec --cap CAP_SYS_ADMIN --cap CAP_NET_ADMIN "$id" sh -c 'grep -E "^Cap(Eff|Bnd)" /proc/self/status'
	assert_ok "exec --cap"
	assert_contains "$OUT" "CapBnd:	0000000000201021" "--cap adds to the bounding set"
	assert_contains "$OUT" "CapEff:	0000000000201021" "--cap adds to the effective set"

	capture arca exec "$id" sh -c 'grep NoNewPrivs /proc/self/status'
	assert_contains "$OUT" "NoNewPrivs:	0" "no_new_privs stays clear by default"
	capture arca exec --no-new-privs "$id" sh -c 'grep NoNewPrivs /proc/self/status'
	assert_contains "$OUT" "NoNewPrivs:	1" "--no-new-privs"

	if [ ! -e /sys/kernel/security/apparmor ]; then
		capture arca exec --apparmor some-profile "$id" true
		assert_failed "--apparmor on a host without AppArmor"
		assert_contains "$ERR" "AppArmor is not enabled" "the refusal names the LSM"
	fi
	capture arca exec --user nobody "$id" true
	assert_failed "--user with a name"
	assert_contains "$ERR" "--user" "the error names the option"
	assert_eq "$RC" 255 "a failed exec exits 255, as runc's"
}

# the program's status, and 128+N for death by signal N.
case_exit_status() {
	local id b=$T/b-exit
	id=$(new_id)
	mkbundle "$b"
	start_ctr "$id" "$b" >/dev/null
	capture arca exec "$id" sh -c 'echo out; echo err >&2; exit 3'
	assert_eq "$RC" 3 "exit status of the program"
	assert_eq "$OUT" out "the program's stdout is exec's"
	assert_eq "$ERR" err "the program's stderr is exec's"
	capture arca exec "$id" sh -c 'kill -KILL $$'
	assert_eq "$RC" 137 "killed by SIGKILL: 128+9"
	capture arca exec "$id" /no/such/program
	assert_eq "$RC" 255 "a program that does not exist fails the exec"
	assert_contains "$ERR" "/no/such/program" "the error names the program"
	assert_one_line "$ERR" "one error line"
}

# exec into a created container works and leaves it created; into a stopped
# one and into an unknown ID it fails, naming why.
case_container_status() {
	local id b=$T/b-status
	id=$(new_id)
	mkbundle "$b"
	set_args "$b" sh -c 'echo started; exit 0'
	create_ctr "$id" "$b"
	assert_ok "create"
	capture arca exec "$id" sh -c 'echo in-created; readlink /proc/1/exe'
	assert_ok "exec into a created container"
	assert_contains "$OUT" in-created "the exec'd program ran"
	assert_eq "$(state_field "$id" .status)" created "the container is still created"
	capture arca start "$id"
	assert_ok "start after exec"
	wait_status "$id" stopped 5
	assert_eq "$(ctr_out "$id")" started "the container's own program ran once"
	capture arca exec "$id" true
	assert_failed "exec into a stopped container"
	assert_contains "$ERR" "stopped" "the error names the status"
	capture arca exec "no-such-$id" true
	assert_failed "exec into an unknown container"
	assert_contains "$ERR" "does not exist" "the error for an unknown ID"
	assert_one_line "$ERR" "one error line"
}

# containerd's way: --process FILE --detach --pid-file; the pid file holds
# the host pid without a newline.
case_process_file() {
	local id b=$T/b-proc xpid
	id=$(new_id)
	mkbundle "$b"
	start_ctr "$id" "$b" >/dev/null
	cat >"$T/process.json" <<-'EOF'
	{"args": ["sh", "-c", "echo \"$(id -u) $(pwd) $GREETING\" > /tmp/from-process; exec sleep 100"],
	 "env": ["PATH=/bin", "GREETING=hello"], "cwd": "/tmp",
	 "user": {"uid": 65534, "gid": 65534}, "terminal": false, "oomScoreAdj": 123,
	 "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 777, "hard": 888}]}
	EOF
	capture arca exec --process "$T/process.json" --detach --pid-file "$T/p.pid" "$id"
	assert_ok "exec --process --detach --pid-file"
	assert_eq "$OUT" "" "nothing on stdout"
	assert_match "$(cat "$T/p.pid")" '^[0-9]+$' "the pid file holds the pid"
	assert_eq "$(wc -l <"$T/p.pid")" 0 "the pid file has no newline"
	xpid=$(cat "$T/p.pid")
	wait_file "$b/rootfs/tmp/from-process" 5
	assert_eq "$(cat "$b/rootfs/tmp/from-process")" "65534 /tmp hello" "the process file's user, cwd and env"
	proc_alive "$xpid" || fail "the detached process is not running"
	assert_contains "$(proc_cmdline "$xpid")" "sleep 100" "the pid file names the exec'd program"
	assert_eq "$(cat "/proc/$xpid/oom_score_adj")" 123 "the process file's oomScoreAdj"
	assert_match "$(grep 'Max open files' "/proc/$xpid/limits")" ' 777 +888 ' "the process file's rlimits"

	capture arca exec --process "$T/process.json" "$id" echo more
	assert_failed "--process with a COMMAND"
	printf '{"args": ["true"], "cwd": "relative", "user": {"uid": 0, "gid": 0}}' >"$T/bad.json"
	capture arca exec --process "$T/bad.json" "$id"
	assert_failed "a process file with a relative cwd"
	assert_contains "$ERR" "cwd" "the error names the field"
	capture arca exec --cgroup sub "$id" true
	assert_failed "--cgroup"
	assert_contains "$ERR" "not supported yet" "--cgroup is refused"
}

# --process with terminal true sends the pty master to --console-socket; the
# pty is the program's stdio, and /dev/console stays the container's.
case_terminal_console_socket() {
	[ -x "$RECVTTY" ] || skip_case "the helper $RECVTTY is not built"
	local id b=$T/b-tty
	id=$(new_id)
	mkbundle "$b"
	start_ctr "$id" "$b" >/dev/null
	cat >"$T/tty.json" <<-'EOF'
	{"args": ["sh", "-c", "for f in 0 1 2; do [ -t $f ] && echo fd$f-tty; done; echo size=$(stty size); read l; echo got:$l"],
	 "env": ["PATH=/bin"], "cwd": "/", "user": {"uid": 0, "gid": 0},
	 "terminal": true, "consoleSize": {"height": 30, "width": 100}}
	EOF
	"$RECVTTY" -t 30 -i typed-line "$T/tty.sock" </dev/null >"$T/tty.out" 2>"$T/tty.err" &
	local rp=$!
	track_pid "$rp"
	wait_until 5 test -S "$T/tty.sock" || fail "recvtty did not start"
	capture arca exec --process "$T/tty.json" --detach --console-socket "$T/tty.sock" "$id"
	assert_ok "exec --process (terminal) --console-socket --detach"
	wait "$rp" || fail "recvtty failed: $(cat "$T/tty.err")"
	local out
	out=$(tr -d '\r' <"$T/tty.out")
	assert_contains "$out" "fd0-tty" "stdin is the terminal"
	assert_contains "$out" "fd2-tty" "stderr is the terminal"
	assert_contains "$out" "size=30 100" "consoleSize"
	assert_contains "$out" "got:typed-line" "input reaches the program"

	capture arca exec -t -d "$id" true
	assert_failed "--tty --detach without --console-socket"
	assert_contains "$ERR" "--console-socket" "the error names the option"
	capture arca exec --console-socket "$T/tty.sock" "$id" true
	assert_failed "--console-socket without a terminal"
}

# a foreground exec --tty without a socket proxies the pty, as run does.
case_terminal_proxied() {
	local id b=$T/b-ttyp rc=0
	id=$(new_id)
	mkbundle "$b"
	start_ctr "$id" "$b" >/dev/null
	printf 'typed\n' | arca exec -t "$id" sh -c '[ -t 0 ] && echo is-tty; read l; echo got:$l' \
		>"$T/p.out" 2>"$T/p.err" || rc=$?
	assert_eq "$rc" 0 "exec -t in the foreground: $(cat "$T/p.err")"
	assert_contains "$(tr -d '\r' <"$T/p.out")" "is-tty" "the program's stdin is a terminal"
	assert_contains "$(tr -d '\r' <"$T/p.out")" "got:typed" "input reaches the program"
}

# PROC-11: only 0-2 reach the process; --preserve-fds N passes 3..3+N-1.
case_fds() {
	local id b=$T/b-fds
	id=$(new_id)
	mkbundle "$b"
	start_ctr "$id" "$b" >/dev/null
	capture arca exec "$id" sh -c 'ls /proc/self/fd' 5</dev/null 7>"$T/seven"
	assert_ok "exec with fds 5 and 7 open"
	assert_eq "$(echo $OUT)" "0 1 2 3" "only 0-2 (and ls's own directory) are open"
	capture arca exec --preserve-fds 2 "$id" sh -c 'ls /proc/self/fd; echo via-four >&4' 3</dev/null 4>"$T/four"
	assert_ok "exec --preserve-fds 2"
	assert_eq "$(echo $OUT)" "0 1 2 3 4 5" "fds 3 and 4 are passed (5: ls's directory)"
	assert_eq "$(cat "$T/four")" via-four "fd 4 is the caller's file"
	capture arca exec --preserve-fds 3 "$id" true 3</dev/null 4</dev/null
	assert_failed "--preserve-fds past an fd that is not open"
}

# issue 5 (CVE-2024-21626): a cwd through a symlink resolves inside the
# container; a cwd through a magic link (a leaked fd) is refused; the
# process's cwd is never outside its root.
case_cwd_stays_inside() {
	local id b=$T/b-cwd
	id=$(new_id)
	mkbundle "$b"
	mkdir -p "$b/rootfs/tmp/real"
	ln -s ../../../../../../../../tmp/real "$b/rootfs/up"
	ln -s /tmp/real "$b/rootfs/abs"
	start_ctr "$id" "$b" >/dev/null
	local l
	for l in /up /abs; do
		capture arca exec --cwd "$l" "$id" sh -c 'pwd; touch marker-$$; echo made'
		assert_ok "exec --cwd $l"
		assert_contains "$OUT" made "the program ran in $l"
		ls "$b/rootfs/tmp/real" | grep -q marker- || fail "--cwd $l: the file is not in the container's /tmp/real"
		rm -f "$b/rootfs/tmp/real"/marker-*
	done
	local fd
	for fd in 3 4 5 6 7 8 9; do
		capture arca exec --cwd "/proc/self/fd/$fd" "$id" sh -c 'pwd'
		assert_failed "--cwd /proc/self/fd/$fd"
		assert_not_contains "$OUT" "unreachable" "the cwd must never be outside the root"
	done
	capture arca exec "$id" sh -c 'cd /proc/1/cwd && pwd'
	assert_not_contains "$OUT" "unreachable" "the init's cwd, seen from the exec'd process"
}

# a foreground exec forwards the signals it receives to the process.
case_signals_forwarded() {
	local id b=$T/b-sig rc=0
	id=$(new_id)
	mkbundle "$b"
	start_ctr "$id" "$b" >/dev/null
	"$ARCA" --root "$T/state" exec "$id" sh -c \
		'trap "echo got-term; exit 7" TERM; echo ready > /tmp/ready; while :; do sleep 0.1; done' \
		</dev/null >"$T/sig.out" 2>"$T/sig.err" &
	local ep=$!
	track_pid "$ep"
	wait_file "$b/rootfs/tmp/ready" 10
	kill -TERM "$ep"
	wait "$ep" || rc=$?
	assert_eq "$rc" 7 "the trap's status (stderr: $(cat "$T/sig.err"))"
	assert_eq "$(cat "$T/sig.out")" got-term "SIGTERM reached the process"
}

# the exec'd processes are in the cgroup: kill --all and delete --force reach
# them, and nothing is left.
case_kill_all_and_delete() {
	local id b=$T/b-kill xpid rc=0
	id=$(new_id)
	mkbundle "$b" '.linux.namespaces |= map(select(.type != "pid"))'
	start_ctr "$id" "$b" >/dev/null
	xpid=$(exec_detached "$id" sleep 100)
	capture arca kill --all "$id" KILL
	assert_ok "kill --all"
	wait_until 5 sh -c "! kill -0 $xpid 2>/dev/null || grep -q '^State:.*Z' /proc/$xpid/status" ||
		fail "kill --all did not reach the exec'd process"

	id=$(new_id)
	start_ctr "$id" "$b" >/dev/null
	"$ARCA" --root "$T/state" exec "$id" sh -c 'echo ready > /tmp/ready2; exec sleep 100' \
		</dev/null >/dev/null 2>"$T/fg.err" &
	local ep=$!
	track_pid "$ep"
	wait_file "$b/rootfs/tmp/ready2" 10
	capture arca delete --force "$id"
	assert_ok "delete --force with a foreground exec running"
	wait "$ep" || rc=$?
	assert_eq "$rc" 137 "the foreground exec reports the SIGKILL"
	assert_gone "$id" "$b" "after delete --force"
}

# without a mount namespace of its own the container is a chroot: exec takes
# the init's root, not the host's.
case_no_mount_namespace() {
	local id b=$T/b-nomnt
	id=$(new_id)
	mkbundle "$b" 'del(.hostname) | .mounts = [] | .linux.namespaces = []'
	touch "$b/rootfs/inside-marker"
	start_ctr "$id" "$b" >/dev/null
	capture arca exec "$id" ls /inside-marker
	assert_ok "exec into a container without a mount namespace: $ERR"
	capture arca delete -f "$id"
	assert_gone "$id" "$b" "after delete -f"
}

# SECC-01: the exec'd process runs under the container's filter, also as a
# user that could not load it itself (loaded before the user switch then).
case_seccomp() {
	local id b=$T/b-secc
	id=$(new_id)
	mkbundle "$b" '.linux.seccomp = {"defaultAction": "SCMP_ACT_ALLOW",
		"syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO"}]}'
	start_ctr "$id" "$b" >/dev/null
	capture arca exec "$id" sh -c 'mkdir /tmp/x; echo "rc=$?"; grep -E "^Seccomp(_filters)?:" /proc/self/status'
	assert_ok "exec under a filter"
	assert_contains "$ERR" "Operation not permitted" "mkdir is refused by the filter"
	assert_contains "$OUT" "rc=1" "mkdir failed"
	assert_match "$OUT" $'Seccomp:\t2' "the process runs in filter mode"
	assert_match "$OUT" $'Seccomp_filters:\t1' "under one filter"
	capture arca exec --user 1000:1000 "$id" sh -c 'mkdir /tmp/y; echo "rc=$?"'
	assert_contains "$OUT" "rc=1" "mkdir is refused for an unprivileged user too"
	assert_file_absent "$b/rootfs/tmp/y" "nothing made"
}

# SECC-08, SECC-09: with SCMP_ACT_NOTIFY the exec'd process's listener fd
# reaches the agent, with the container's state and the process's pid.
case_seccomp_notify() {
	local agent=$ARCA_TOOLS/seccomp_agent
	[ -x "$agent" ] || skip_case "$agent is not built"
	local id b=$T/b-notify sock=$T/agent.sock st xpid
	id=$(new_id)
	mkbundle "$b" '.linux.seccomp = {"defaultAction": "SCMP_ACT_ALLOW", "listenerPath": $s,
		"syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_NOTIFY"}]}' --arg s "$sock"
	"$agent" -t 30 "$sock" "$T/init-agent.json" >"$T/init-agent.out" 2>&1 &
	track_pid $!
	wait_file "$sock" 10
	start_ctr "$id" "$b" >/dev/null
	rm -f "$sock"
	"$agent" -t 30 -e 30 "$sock" "$T/agent.json" >"$T/agent.out" 2>&1 &
	track_pid $!
	wait_file "$sock" 10
	xpid=$(exec_detached "$id" sh -c 'mkdir /made 2>/tmp/mkdir.err; exec sleep 100')
	wait_file "$T/agent.json" 10
	st=$(cat "$T/agent.json")
	assert_eq "$(jq -r .pid <<<"$st")" "$xpid" "SECC-09: the pid is the exec'd process's"
	assert_eq "$(jq -r .state.id <<<"$st")" "$id" "SECC-09: state.id"
	assert_eq "$(jq -r .state.status <<<"$st")" running "SECC-09: state.status"
	wait_until 10 grep -q . "$b/rootfs/tmp/mkdir.err" || fail "mkdir got no answer"
	assert_contains "$(cat "$b/rootfs/tmp/mkdir.err")" "Read-only file system" "SECC-08: the agent's answer"
}

run_case case_namespaces_and_cgroup
run_case case_options
run_case case_exit_status
run_case case_container_status
run_case case_process_file
run_case case_terminal_console_socket
run_case case_terminal_proxied
run_case case_fds
run_case case_cwd_stays_inside
run_case case_signals_forwarded
run_case case_kill_all_and_delete
run_case case_no_mount_namespace
run_case case_seccomp
run_case case_seccomp_notify
finish
