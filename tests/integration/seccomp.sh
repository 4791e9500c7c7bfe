#!/bin/bash
# linux.seccomp: the program runs under the filter, loaded after everything
# arca does; every action, errnoRet and defaultErrnoRet, argument conditions,
# flags, names libseccomp does not know, a docker-shaped profile, and
# SCMP_ACT_NOTIFY with an agent on listenerPath that answers for the
# container. Every refusal names the field and leaves nothing.
# Checklist: SECC-01 .. SECC-11.
source "$ARCA_TESTS/lib/common.bash"

AGENT=$ARCA_TOOLS/seccomp_agent
[ -x "$AGENT" ] || skip "$AGENT is not built"

# seccomp_bundle DIR PROFILE SCRIPT: a bundle whose process runs sh -c SCRIPT
# under PROFILE (JSON).
seccomp_bundle() {
	local dir=$1 profile=$2 script=$3
	rm -rf "$dir"
	mkbundle "$dir" '.linux.seccomp = $p' --argjson p "$profile"
	sh_args "$dir" "$script"
}

# default ALLOW, one rule: ACTION (plus EXTRA members) for mkdir and mkdirat
mkdir_rule() { # ACTION [EXTRA_JSON]
	jq -cn --arg a "$1" --argjson x "${2:-{\}}" \
		'{defaultAction: "SCMP_ACT_ALLOW", syscalls: [{names: ["mkdir", "mkdirat"], action: $a} + $x]}'
}

expect_create_failure() { # BUNDLE LABEL NEEDLE...
	local b=$1 label=$2 id n
	shift 2
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_failed "$label: create"
	assert_one_line "$ERR" "$label: stderr"
	for n in "$@"; do assert_contains "$ERR" "$n" "$label: the error must name it"; done
	assert_gone "$id" "$b" "$label"
}

# SECC-01, SECC-06: ERRNO with the default EPERM and with errnoRet; the
# program runs under exactly one filter.
case_errno() {
	local id b=$T/b-errno
	seccomp_bundle "$b" "$(mkdir_rule SCMP_ACT_ERRNO)" \
		'mkdir /x; echo "rc=$?"; grep -E "^Seccomp(_filters)?:" /proc/self/status'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "run with mkdir refused"
	assert_contains "$ERR" "mkdir: can't create directory '/x': Operation not permitted" "SECC-06: EPERM by default"
	assert_contains "$OUT" "rc=1" "SECC-06: mkdir failed"
	assert_match "$OUT" $'Seccomp:\t2' "SECC-01: the program runs in filter mode"
	assert_match "$OUT" $'Seccomp_filters:\t1' "SECC-01: under one filter"
	assert_file_absent "$b/rootfs/x" "SECC-06: mkdir refused"

	seccomp_bundle "$b" "$(mkdir_rule SCMP_ACT_ERRNO '{"errnoRet": 95}')" 'mkdir /x'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_eq "$RC" 1 "SECC-06: mkdir's exit status"
	assert_contains "$ERR" "mkdir: can't create directory '/x': Operation not supported" \
		"SECC-06: errnoRet 95 (EOPNOTSUPP)"
	assert_gone "$id" "$b" "after run"
}

# SECC-01: nothing arca does runs filtered. The profile refuses what the init
# itself calls (openat, prctl, capset, the user switch, sendmsg, close_range):
# loaded right before execve, it still lets the program run, through create
# and start.
case_loaded_last() {
	local id b=$T/b-last profile
	profile=$(jq -cn '{defaultAction: "SCMP_ACT_ALLOW", syscalls: [{names: ["openat", "open",
		"openat2", "prctl", "capset", "setuid", "setgid", "setgroups", "sendmsg", "close_range",
		"fchdir", "getcwd", "umask", "setrlimit", "prlimit64", "rt_sigprocmask", "fcntl"],
		action: "SCMP_ACT_ERRNO", errnoRet: 13}]}')
	seccomp_bundle "$b" "$profile" 'echo hello; cat /etc/passwd || echo cat-refused'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_ok "SECC-01: create with a profile that refuses what the init calls"
	assert_eq "$(state_field "$id" .status)" created "SECC-01: status after create"
	capture arca start "$id"
	assert_ok "SECC-01: start"
	wait_status "$id" stopped
	assert_contains "$(ctr_out "$id")" "hello" "SECC-01: the program ran"
	assert_contains "$(ctr_out "$id")" "cat-refused" "SECC-01: the program is filtered"
	assert_contains "$(cat "$T/$id.err")" "Permission denied" "SECC-01: openat refused with errnoRet 13"
	capture arca delete "$id"
	assert_gone "$id" "$b" "after delete"
}

# SECC-01: without no_new_privs and without CAP_SYS_ADMIN the filter is loaded
# before the user and capabilities are set (seccomp(2) would refuse it later);
# with no_new_privs it is loaded last again. Both confine the program.
case_unprivileged_user() {
	local id b=$T/b-user
	seccomp_bundle "$b" "$(mkdir_rule SCMP_ACT_ERRNO)" \
		'mkdir /tmp/x || echo refused; grep ^CapBnd /proc/self/status'
	cfg "$b" '.process.user = {uid: 1000, gid: 1000}
		| .process.capabilities = {bounding: ["CAP_KILL"], effective: ["CAP_KILL"], permitted: ["CAP_KILL"]}'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "SECC-01: run as uid 1000 without CAP_SYS_ADMIN"
	assert_contains "$OUT" "refused" "SECC-01: the filter is loaded"
	assert_contains "$OUT" $'CapBnd:\t0000000000000020' "SECC-01: the capabilities as configured"
	cfg "$b" '.process.noNewPrivileges = true'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "SECC-01: run as uid 1000 with noNewPrivileges"
	assert_contains "$OUT" "refused" "SECC-01: the filter is loaded with no_new_privs"
	assert_gone "$id" "$b" "after run"
}

# SECC-06: KILL, KILL_THREAD and KILL_PROCESS kill the program with SIGSYS
# (run exits 128+31); TRAP sends SIGSYS, which a handler catches; TRACE
# without a tracer is ENOSYS; LOG allows.
case_actions() {
	local id b=$T/b-act action
	for action in SCMP_ACT_KILL SCMP_ACT_KILL_THREAD SCMP_ACT_KILL_PROCESS; do
		seccomp_bundle "$b" "$(mkdir_rule "$action")" ''
		set_args "$b" mkdir /x
		id=$(new_id)
		run_ctr "$id" "$b"
		assert_eq "$RC" 159 "SECC-06: $action: exit status (SIGSYS)"
		assert_file_absent "$b/rootfs/x" "SECC-06: $action: mkdir did not run"
	done
	seccomp_bundle "$b" '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["chdir"], "action": "SCMP_ACT_TRAP"}]}' \
		'trap "echo caught SIGSYS" SYS; cd /tmp; echo "went on"'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "SECC-06: TRAP"
	assert_contains "$OUT" "caught SIGSYS" "SECC-06: TRAP sends SIGSYS to a handler"
	assert_contains "$OUT" "went on" "SECC-06: TRAP lets the program go on"
	seccomp_bundle "$b" "$(mkdir_rule SCMP_ACT_TRACE '{"errnoRet": 5}')" 'mkdir /x'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_contains "$ERR" "Function not implemented" "SECC-06: TRACE without a tracer"
	seccomp_bundle "$b" "$(mkdir_rule SCMP_ACT_LOG)" 'mkdir /x && echo made'
	cfg "$b" '.linux.seccomp.flags = ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_TSYNC"]'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "SECC-05, SECC-06: LOG with the flags LOG, SPEC_ALLOW, TSYNC"
	assert_contains "$OUT" "made" "SECC-06: LOG allows"
	assert_file_exists "$b/rootfs/x" "SECC-06: LOG: mkdir ran"
	assert_gone "$id" "$b" "after run"
}

# SECC-03: defaultErrnoRet with an ERRNO default: everything but mkdir allowed.
case_default_errno_ret() {
	local id b=$T/b-deferr names profile
	names=$(syscall_names | grep -vx -e mkdir -e mkdirat | jq -R . | jq -cs .)
	[ "$names" != "[]" ] || skip_case "no syscall list (asm/unistd_64.h)"
	profile=$(jq -cn --argjson n "$names" \
		'{defaultAction: "SCMP_ACT_ERRNO", defaultErrnoRet: 95, syscalls: [{names: $n, action: "SCMP_ACT_ALLOW"}]}')
	seccomp_bundle "$b" "$profile" 'echo up; mkdir /x'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_contains "$OUT" "up" "SECC-03: the allowed syscalls work"
	assert_contains "$ERR" "mkdir: can't create directory '/x': Operation not supported" \
		"SECC-03: defaultErrnoRet 95"
	assert_gone "$id" "$b" "after run"
}

# SECC-07: argument conditions. Both conditions of a rule apply; MASKED_EQ
# takes value as the mask and valueTwo as the datum; two conditions on one
# argument become two rules (either matches), as runc does.
case_arguments() {
	local id b=$T/b-args
	local script='trap "" HUP INT USR1 USR2; for s in HUP INT USR1 USR2; do kill -$s 1 && echo "$s ok" || echo "$s refused"; done; sleep 10 & kill -USR1 $! && echo "other ok" || echo "other refused"'
	# kill(1, SIGUSR1) only
	seccomp_bundle "$b" '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["kill"], "action": "SCMP_ACT_ERRNO",
		"args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}, {"index": 1, "value": 10, "op": "SCMP_CMP_EQ"}]}]}' "$script"
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "SECC-07: two conditions"
	assert_eq "$(tr '\n' ' ' <<<"$OUT")" "HUP ok INT ok USR1 refused USR2 ok other ok " "SECC-07: conditions ANDed"
	# (signal & 3) == 2: INT (2) and USR1 (10)
	cfg "$b" '.linux.seccomp.syscalls[0].args = [{index: 1, value: 3, valueTwo: 2, op: "SCMP_CMP_MASKED_EQ"}]'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_eq "$(tr '\n' ' ' <<<"$OUT")" "HUP ok INT refused USR1 refused USR2 ok other refused " "SECC-07: MASKED_EQ"
	# USR1 or USR2
	cfg "$b" '.linux.seccomp.syscalls[0].args = [{index: 1, value: 10, op: "SCMP_CMP_EQ"}, {index: 1, value: 12, op: "SCMP_CMP_EQ"}]'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_eq "$(tr '\n' ' ' <<<"$OUT")" "HUP ok INT ok USR1 refused USR2 refused other refused " \
		"SECC-07: two conditions on one argument, as runc: either"
	# personality(PER_LINUX32) refused, personality(PER_LINUX) allowed
	seccomp_bundle "$b" '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["personality"], "action": "SCMP_ACT_ERRNO",
		"args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]}]}' 'linux64 true && echo linux64 ok; linux32 true || echo linux32 refused'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_contains "$OUT" "linux64 ok" "SECC-07: EQ leaves other values"
	assert_contains "$OUT" "linux32 refused" "SECC-07: EQ refuses its value"
	assert_contains "$ERR" "personality(0x8): Operation not permitted" "SECC-07: the refusal"
	assert_gone "$id" "$b" "after run"
}

# SECC-11: names libseccomp does not know are skipped with one warning that
# names them; the rest of the rule applies.
case_unknown_names() {
	local id b=$T/b-unknown
	seccomp_bundle "$b" '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["arca_no_such_call", "mkdir", "mkdirat"],
		"action": "SCMP_ACT_ERRNO"}, {"names": ["arca_other_call"], "action": "SCMP_ACT_KILL"}]}' 'mkdir /x || echo refused'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "SECC-11: run with unknown names"
	assert_contains "$OUT" "refused" "SECC-11: the known names of the rule apply"
	assert_match "$ERR" 'linux\.seccomp\.syscalls: unknown to libseccomp [0-9.]+, skipped: "arca_no_such_call", "arca_other_call"' \
		"SECC-11: one warning naming them"
	assert_gone "$id" "$b" "after run"
}

# The cache of built programs (<root>/.seccomp-cache): a hit behaves as the
# build and prints its warnings; a damaged entry is rebuilt, never loaded;
# the directory is 0700 root and the entries 0600; list does not see it.
case_cache() {
	local id b=$T/b-cache c=$T/state/.seccomp-cache entry size i
	rm -rf "$c"
	seccomp_bundle "$b" '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["arca_cache_call", "mkdir", "mkdirat"],
		"action": "SCMP_ACT_ERRNO"}]}' 'mkdir /x || echo refused'
	for i in miss hit truncated garbage; do
		case $i in
		truncated) truncate -s "$((size / 2))" "$entry" ;;
		garbage) head -c "$size" /dev/urandom >"$entry" ;;
		esac
		id=$(new_id)
		run_ctr "$id" "$b"
		assert_ok "cache $i: run"
		assert_contains "$OUT" "refused" "cache $i: the filter applies"
		assert_contains "$ERR" 'skipped: "arca_cache_call"' "cache $i: the warning"
		assert_file_absent "$b/rootfs/x" "cache $i: mkdir refused"
		entry=$(find "$c" -mindepth 1 -maxdepth 1 -name '[0-9a-f]*')
		assert_eq "$(wc -l <<<"$entry")" 1 "cache $i: one entry"
		[ "$i" = miss ] && size=$(stat -c %s "$entry")
		assert_eq "$(stat -c '%a %u %s' "$entry")" "600 0 $size" "cache $i: the entry (rewritten when damaged)"
	done
	assert_eq "$(stat -c '%a %u %F' "$c")" "700 0 directory" "cache: the directory"
	capture arca list -q
	assert_eq "$OUT" "" "cache: list does not show it"
}

# The x86_64 system call names of the build host, one a line.
syscall_names() {
	local h
	for h in /usr/include/x86_64-linux-gnu/asm/unistd_64.h /usr/include/asm/unistd_64.h; do
		if [ -r "$h" ]; then
			sed -n 's/^#define __NR_\([a-z0-9_]*\) .*/\1/p' "$h"
			return 0
		fi
	done
}

# A profile in the shape of docker's default: ERRNO (EPERM) by default, the
# native and compat architectures, an allow list of a few hundred names
# (every x86_64 call but the dangerous ones, some i386-only names, some this
# libseccomp does not know), and rules with argument filters.
docker_profile() {
	local deny names
	deny='^(acct|add_key|bpf|clock_adjtime|clock_settime|clone|clone3|create_module|delete_module|finit_module|fsconfig|fsmount|fsopen|fspick|get_kernel_syms|get_mempolicy|init_module|ioperm|iopl|kcmp|kexec_file_load|kexec_load|keyctl|lookup_dcookie|mbind|mount|mount_setattr|move_mount|move_pages|name_to_handle_at|nfsservctl|open_by_handle_at|open_tree|perf_event_open|personality|pivot_root|process_vm_readv|process_vm_writev|ptrace|query_module|quotactl|quotactl_fd|reboot|request_key|set_mempolicy|setns|settimeofday|socket|swapoff|swapon|sysfs|_sysctl|syslog|umount2|unshare|uselib|userfaultfd|ustat|vhangup)$'
	names=$({ syscall_names | grep -Ev "$deny"
		printf '%s\n' _llseek _newselect fstat64 fstatat64 lstat64 stat64 fcntl64 ipc \
			send recv sigreturn socketcall waitpid ugetrlimit \
			statmount listmount mseal arca_not_a_syscall; } | jq -R . | jq -cs .)
	jq -cn --argjson n "$names" '{
		defaultAction: "SCMP_ACT_ERRNO", defaultErrnoRet: 1,
		architectures: ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
		syscalls: ([{names: $n, action: "SCMP_ACT_ALLOW"}]
			+ [0, 8, 131072, 131080, 4294967295 | {names: ["personality"], action: "SCMP_ACT_ALLOW",
				args: [{index: 0, value: ., op: "SCMP_CMP_EQ"}]}]
			+ [{names: ["clone"], action: "SCMP_ACT_ALLOW",
				args: [{index: 0, value: 2114060288, valueTwo: 0, op: "SCMP_CMP_MASKED_EQ"}]},
			   {names: ["clone3"], action: "SCMP_ACT_ERRNO", errnoRet: 38},
			   {names: ["socket"], action: "SCMP_ACT_ALLOW", args: [{index: 0, value: 40, op: "SCMP_CMP_NE"}]}])}'
}

DOCKER_CAPS='["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
	"CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
	"CAP_KILL", "CAP_AUDIT_WRITE"]'

# SECC-01, SECC-04, SECC-07, SECC-11: a docker-shaped profile runs a busy
# shell (forks, pipes, files) and refuses what it leaves out; as root with
# every capability (loaded last) and with docker's capabilities (loaded
# before they are set).
case_docker_profile() {
	local id b=$T/b-docker profile n
	[ -n "$(syscall_names)" ] || skip_case "no syscall list (asm/unistd_64.h)"
	profile=$(docker_profile)
	n=$(jq '[.syscalls[].names | length] | add' <<<"$profile")
	[ "$n" -gt 300 ] || fail "the profile has only $n names"
	seccomp_bundle "$b" "$profile" 'rm -rf /tmp/d; mkdir /tmp/d && echo data >/tmp/d/f && cat /tmp/d/f && ls / >/dev/null &&
		(sleep 0; echo subshell) | cat && linux32 true && echo "linux32 ok";
		mount -t tmpfs t /mnt || echo "mount refused"; unshare -n true || echo "unshare refused"'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "SECC-01: run under the docker-shaped profile ($n names)"
	assert_contains "$OUT" "data" "files under the profile"
	assert_contains "$OUT" "subshell" "fork (clone without namespace flags) under the profile"
	assert_contains "$OUT" "linux32 ok" "SECC-07: personality(PER_LINUX32) allowed by EQ"
	assert_contains "$OUT" "mount refused" "SECC-02: mount refused by the default action"
	assert_contains "$OUT" "unshare refused" "SECC-02: unshare refused by the default action"
	assert_match "$ERR" 'unknown to libseccomp [0-9.]+, skipped: .*"arca_not_a_syscall"' "SECC-11: the unknown names"
	assert_not_contains "$ERR" '"_llseek"' "SECC-11: i386 names are known to libseccomp"
	cfg "$b" '.process.capabilities = {bounding: $c, effective: $c, permitted: $c}' --argjson c "$DOCKER_CAPS"
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "SECC-01: run under the docker-shaped profile with docker's capabilities"
	assert_contains "$OUT" "subshell" "SECC-01: the program under the early-loaded profile"
	assert_contains "$OUT" "mount refused" "SECC-01: mount refused (no CAP_SYS_ADMIN, filtered)"
	assert_gone "$id" "$b" "after run"
}

# SECC-08, SECC-09, SECC-10: the agent gets the container process state and
# the listener fd, and answers mkdir for the container: a success that made
# nothing, then an errno of its choice.
start_agent() { # SOCKET STATE OUTPUT [AGENT_OPTS...]
	local sock=$1 state=$2 out=$3
	shift 3
	rm -f "$sock" "$state"
	"$AGENT" -t 30 "$@" "$sock" "$state" >"$out" 2>&1 &
	track_pid $!
	AGENT_PID=$!
	wait_file "$sock" 10
}

notify_profile() { # SOCKET
	jq -cn --arg s "$1" '{defaultAction: "SCMP_ACT_ALLOW", listenerPath: $s, listenerMetadata: "arca-test/1",
		flags: ["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"],
		syscalls: [{names: ["mkdir", "mkdirat"], action: "SCMP_ACT_NOTIFY"}]}'
}

case_notify() {
	local id b=$T/b-notify sock=$T/agent.sock state=$T/agent.json pid st
	start_agent "$sock" "$state" "$T/agent.out"
	seccomp_bundle "$b" "$(notify_profile "$sock")" 'mkdir /made && echo "mkdir said yes"; [ -d /made ] || echo "but made nothing"'
	cfg "$b" '.annotations = {"org.example/key": "value"}'
	id=$(new_id)
	create_ctr "$id" "$b" --pid-file "$T/$id.pid"
	assert_ok "SECC-08: create with SCMP_ACT_NOTIFY"
	wait_file "$state" 10
	pid=$(cat "$T/$id.pid")
	st=$(cat "$state")
	assert_eq "$(jq -r .ociVersion <<<"$st")" "1.3.0" "SECC-09: ociVersion"
	assert_eq "$(jq -c .fds <<<"$st")" '["seccompFd"]' "SECC-09: fds"
	assert_eq "$(jq -r .pid <<<"$st")" "$pid" "SECC-09: pid (the runtime's view)"
	assert_eq "$(jq -r .metadata <<<"$st")" "arca-test/1" "SECC-10: metadata"
	assert_eq "$(jq -r .state.id <<<"$st")" "$id" "SECC-09: state.id"
	assert_eq "$(jq -r .state.status <<<"$st")" "creating" "SECC-09: state.status"
	assert_eq "$(jq -r .state.pid <<<"$st")" "$pid" "SECC-09: state.pid"
	assert_eq "$(jq -r .state.bundle <<<"$st")" "$b" "SECC-09: state.bundle"
	assert_eq "$(jq -r '.state.annotations["org.example/key"]' <<<"$st")" "value" "SECC-09: state.annotations"
	capture arca start "$id"
	assert_ok "start"
	wait_status "$id" stopped
	assert_contains "$(ctr_out "$id")" "mkdir said yes" "SECC-08: the agent's answer (success)"
	assert_contains "$(ctr_out "$id")" "but made nothing" "SECC-08: the syscall did not run"
	assert_file_absent "$b/rootfs/made" "SECC-08: nothing made"
	local rc=0
	wait "$AGENT_PID" || rc=$?
	assert_eq "$rc" 0 "SECC-08: the agent ends when the container is gone ($(cat "$T/agent.out"))"
	assert_match "$(cat "$T/agent.out")" "notified [0-9]+" "SECC-08: the agent was asked"
	capture arca delete "$id"
	assert_gone "$id" "$b" "after delete"

	start_agent "$sock" "$state" "$T/agent.out" -e 30
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "SECC-08: run with SCMP_ACT_NOTIFY"
	assert_contains "$ERR" "mkdir: can't create directory '/made': Read-only file system" \
		"SECC-08: the agent's answer (EROFS)"
	assert_gone "$id" "$b" "after run"
}

# SECC-08, SECC-10 and arca's own refusals: every error names the field and
# leaves nothing behind.
case_refused() {
	local b=$T/b-refused sock=$T/stale.sock
	seccomp_bundle "$b" "$(notify_profile /nonexistent/agent.sock)" 'true'
	expect_create_failure "$b" "SECC-08: listenerPath that does not exist" \
		"linux.seccomp.listenerPath: connect to /nonexistent/agent.sock: No such file or directory"
	# an agent killed before it accepted leaves its socket behind
	start_agent "$sock" "$T/stale.json" "$T/stale.out"
	kill -KILL "$AGENT_PID"
	wait "$AGENT_PID" 2>/dev/null || true
	seccomp_bundle "$b" "$(notify_profile "$sock")" 'true'
	expect_create_failure "$b" "SECC-08: nobody listens on listenerPath" \
		"linux.seccomp.listenerPath: connect to $sock: Connection refused"
	seccomp_bundle "$b" '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_NOTIFY"}]}' 'true'
	expect_create_failure "$b" "SCMP_ACT_NOTIFY without listenerPath" \
		"linux.seccomp.syscalls[0].action: SCMP_ACT_NOTIFY needs linux.seccomp.listenerPath"
	seccomp_bundle "$b" '{"defaultAction": "SCMP_ACT_ALLOW", "listenerMetadata": "m"}' 'true'
	expect_create_failure "$b" "SECC-10: listenerMetadata without listenerPath" \
		"linux.seccomp.listenerMetadata: set without listenerPath"
	seccomp_bundle "$b" '{"defaultAction": "SCMP_ACT_NOTIFY", "listenerPath": "/run/x.sock"}' 'true'
	expect_create_failure "$b" "SCMP_ACT_NOTIFY as the default" \
		"linux.seccomp.defaultAction: SCMP_ACT_NOTIFY cannot be the default action"
	seccomp_bundle "$b" '{"defaultAction": "SCMP_ACT_ALLOW", "listenerPath": "/run/x.sock", "syscalls": [{"names": ["sendmsg"], "action": "SCMP_ACT_NOTIFY"}]}' 'true'
	expect_create_failure "$b" "SCMP_ACT_NOTIFY for sendmsg" \
		"linux.seccomp.syscalls[0].names[0]: SCMP_ACT_NOTIFY cannot be used for sendmsg"
	seccomp_bundle "$b" "$(mkdir_rule SCMP_ACT_ALLOW '{"errnoRet": 1}')" 'true'
	cfg "$b" '.linux.seccomp.defaultAction = "SCMP_ACT_ERRNO"'
	expect_create_failure "$b" "SECC-06: errnoRet with ALLOW" \
		"linux.seccomp.syscalls[0].errnoRet: SCMP_ACT_ALLOW returns no errno"
	seccomp_bundle "$b" '{"defaultAction": "SCMP_ACT_KILL", "defaultErrnoRet": 1}' 'true'
	expect_create_failure "$b" "SECC-03: defaultErrnoRet with KILL" \
		"linux.seccomp.defaultErrnoRet: SCMP_ACT_KILL returns no errno"
	seccomp_bundle "$b" '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["kill"], "action": "SCMP_ACT_ERRNO", "args": [{"index": 6, "value": 1, "op": "SCMP_CMP_EQ"}]}]}' 'true'
	expect_create_failure "$b" "SECC-07: argument index 6" \
		"linux.seccomp.syscalls[0].args[0].index: 6 is out of range"
	seccomp_bundle "$b" '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": [], "action": "SCMP_ACT_ERRNO"}]}' 'true'
	expect_create_failure "$b" "SECC-06: a rule without names" \
		"linux.seccomp.syscalls[0].names: must not be empty"
	seccomp_bundle "$b" '{"defaultAction": "SCMP_ACT_NOPE"}' 'true'
	expect_create_failure "$b" "SECC-02: an unknown action" \
		'linux.seccomp.defaultAction: unknown value "SCMP_ACT_NOPE"'
	seccomp_bundle "$b" '{"syscalls": []}' 'true'
	expect_create_failure "$b" "SECC-02: no defaultAction" "linux.seccomp.defaultAction: required"
}

run_case case_errno
run_case case_loaded_last
run_case case_unprivileged_user
run_case case_actions
run_case case_default_errno_ret
run_case case_arguments
run_case case_unknown_names
run_case case_cache
run_case case_docker_profile
run_case case_notify
run_case case_refused
finish
