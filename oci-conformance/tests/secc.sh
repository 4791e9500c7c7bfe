# Section 9: seccomp (SECC)
#
# The container runs the checker's probe mode (`oci-checker probe`): under the
# filter it makes only the system calls its annotations name, each in a
# forked child (sc BUNDLE ROW N "CALL ARGS -> EXPECT", see probe_main in
# checker.c), and reads Seccomp/Seccomp_filters from /proc/self/status. The
# probed calls (getpgid, getsid, umask, alarm, personality, ...) are ones no
# runtime makes after loading a filter. A notify agent (`oci-checker
# seccomp-agent`) listens at listenerPath, logs what the runtime sends and
# answers notifications; PTRACE_SECCOMP_GET_METADATA from the host shows the
# filter's SECCOMP_FILTER_FLAG_LOG.

# sc BUNDLE ROW N "SPEC": a probe for ROW
sc() { ann "$1" "sc.$2.$3" "$4"; }

# secc_bundle NAME SECCOMP_JSON [JQ_FILTER [JQ_ARGS...]]: the probe program under linux.seccomp
secc_bundle() {
	local name=$1 s=$2 f=${3:-.}
	shift 3 2>/dev/null || shift $#
	mkbundle "$name" '.process.args = ["/oci-checker", "probe"] | .linux.seccomp = $s | '"$f" --argjson s "$s" "$@"
}

# an ERRNO rule: errno_rule NAME ERRNO
errno_rule() { printf '{"names": ["%s"], "action": "SCMP_ACT_ERRNO", "errnoRet": %s}' "$1" "$2"; }

# secc_refused ROW WHAT SECCOMP_JSON: create must fail and leave nothing
secc_refused() {
	local b id
	b=$(secc_bundle "${1,,}-bad" "$3")
	id=$(new_id)
	expect_create_fails "$id" "$b" "$2"
}

# system calls a static program, a runtime's last steps (Go's included) and
# the probes' fork need: the allow-list of the ERRNO-default profiles
ALLOW_NAMES='["access","arch_prctl","brk","capget","capset","chdir","clock_gettime","clock_nanosleep",
 "clone","clone3","close","close_range","dup","dup2","dup3","epoll_create1","epoll_ctl","epoll_pwait",
 "epoll_wait","eventfd2","execve","execveat","exit","exit_group","faccessat","faccessat2","fchdir",
 "fchown","fcntl","fstat","fstatfs","futex","getcwd","getdents64","getegid","geteuid","getgid",
 "getgroups","getpid","getppid","getrandom","getresgid","getresuid","getrlimit","gettid",
 "gettimeofday","getuid","ioctl","kill","lseek","madvise","mmap","mprotect","mremap","munmap",
 "nanosleep","newfstatat","open","openat","openat2","pipe","pipe2","poll","ppoll","prctl",
 "pread64","prlimit64","read","readlink","readlinkat","recvmsg","rseq","rt_sigaction",
 "rt_sigprocmask","rt_sigreturn","sched_getaffinity","sched_yield","seccomp","select","sendmsg",
 "sendto","set_robust_list","set_tid_address","setgid","setgroups","setresgid","setresuid",
 "setrlimit","setsid","setuid","sigaltstack","stat","statfs","statx","tgkill","uname","umask",
 "wait4","waitid","write","writev","fchmod","fchmodat","keyctl","sethostname","setdomainname",
 "mount","umount2","pivot_root","chroot","unshare","setns","socket","connect","getsockopt",
 "setsockopt","lstat","fsync","fdatasync","exit","restart_syscall"]'

# ------------------------------------------------------------------ SECC-01

row SECC-01 MUST* "the program runs under the filter, loaded after the runtime's own setup (uid, caps, no_new_privs)"
# secc-late: a non-root user with groups, capabilities (ambient too), a cwd,
# a umask and no_new_privs, under a profile that refuses every call that sets
# them up (setresuid, setgroups, capset, prctl but PR_GET_NO_NEW_PRIVS, chdir,
# umask, prlimit64 with a new limit, ...) with errno 94: the program must run
# with all of it applied, so the runtime made those calls before it loaded the
# filter. secc-late-root: root keeping CAP_SYS_ADMIN without no_new_privs,
# which lets a runtime load the filter after capset as well. The action,
# architecture and operator strings are checked by SECC-04..07. A runtime that
# loads the filter earlier fails here (runc 1.1.5 loads it before the user
# switch and capset without no_new_privs: secc-late-root fails for it).
t_SECC_01() { inside_all SECC-01 secc-late secc-late-root; }

SECC_LATE_DENY='["setresuid","setresgid","setuid","setgid","setreuid","setregid","setfsuid","setfsgid",
 "setgroups","capset","chdir","fchdir","umask","setrlimit","sethostname","setdomainname","mount",
 "pivot_root","chroot","keyctl"]'

secc_late_profile() {
	jq -n --argjson d "$SECC_LATE_DENY" '{defaultAction: "SCMP_ACT_ALLOW", syscalls: [
		{names: $d, action: "SCMP_ACT_ERRNO", errnoRet: 94},
		{names: ["prctl"], action: "SCMP_ACT_ERRNO", errnoRet: 94, args: [{index: 0, value: 39, op: "SCMP_CMP_NE"}]},
		{names: ["prlimit64"], action: "SCMP_ACT_ERRNO", errnoRet: 94, args: [{index: 2, value: 0, op: "SCMP_CMP_NE"}]}]}'
}

secc_late_probes() {
	local b=$1 row=$2
	sc "$b" "$row" 1 "field Seccomp 2"
	sc "$b" "$row" 2 "setresuid -1 -1 -1 -> errno 94"
	sc "$b" "$row" 3 "capset 0 0 -> errno 94"
	sc "$b" "$row" 4 "prctl 38 1 0 0 0 -> errno 94"
	sc "$b" "$row" 5 "chdir s:/ -> errno 94"
}

scen_secc_late() {
	local b
	b=$(secc_bundle secc-late "$(secc_late_profile)" '.ociVersion = "1.1.0"
		| .process.user = {uid: 1000, gid: 1000, additionalGids: [5, 2000], umask: 23}
		| .process.cwd = "/oci/cwd" | .process.noNewPrivileges = true
		| .process.rlimits = [{type: "RLIMIT_NOFILE", hard: 512, soft: 256}]
		| .process.capabilities = {bounding: $c, inheritable: $c, permitted: $c, effective: $c, ambient: $c}' \
		--argjson c '["CAP_KILL", "CAP_NET_BIND_SERVICE"]')
	ann "$b" checks.SECC-01 "user caps nnp cwd rlimits"
	ann "$b" checks.SEL-03 "user caps nnp cwd rlimits"
	secc_late_probes "$b" SECC-01
	secc_late_probes "$b" SEL-03
	inside_run secc-late "$b"
}

scen_secc_late_root() {
	local b
	b=$(secc_bundle secc-late-root "$(secc_late_profile)" '.process.cwd = "/oci/cwd"
		| .process.user.additionalGids = [5]
		| .process.capabilities = {bounding: $c, permitted: $c, effective: $c}' \
		--argjson c '["CAP_SYS_ADMIN", "CAP_KILL", "CAP_SETUID", "CAP_SETGID"]')
	ann "$b" checks.SECC-01 "user caps nnp cwd"
	secc_late_probes "$b" SECC-01
	inside_run secc-late-root "$b"
}

# ------------------------------------------------------------------ SECC-02, SECC-03

row SECC-02 MUST "defaultAction is mandatory and takes the values of syscalls[].action"
# secc-deferrno: ERRNO by default with an allow-list (getppid listed, getpgid
# not); secc-deflog: LOG by default with one ERRNO rule. Missing and unknown
# defaultActions must be refused (a runtime falling back to a default fails).
t_SECC_02() {
	local r=0
	inside_all SECC-02 secc-deferrno secc-deflog || r=1
	secc_refused SECC-02 "seccomp without defaultAction" '{"syscalls": [{"names": ["getpgid"], "action": "SCMP_ACT_ERRNO"}]}' || r=1
	secc_refused SECC-02 "defaultAction SCMP_ACT_OCI_BOGUS" '{"defaultAction": "SCMP_ACT_OCI_BOGUS"}' || r=1
	return $r
}

scen_secc_deferrno() {
	local b
	b=$(secc_bundle secc-deferrno "$(jq -n --argjson a "$ALLOW_NAMES" '{defaultAction: "SCMP_ACT_ERRNO",
		defaultErrnoRet: 88, syscalls: [{names: $a, action: "SCMP_ACT_ALLOW"}]}')")
	sc "$b" SECC-02 1 "field Seccomp 2"
	sc "$b" SECC-02 2 "getppid -> ok"
	sc "$b" SECC-02 3 "getpgid 0 -> errno 88"
	sc "$b" SECC-03 1 "getpgid 0 -> errno 88"
	sc "$b" SECC-03 2 "getsid 0 -> errno 88"
	inside_run secc-deferrno "$b"
}

scen_secc_deflog() {
	local b
	b=$(secc_bundle secc-deflog "{\"defaultAction\": \"SCMP_ACT_LOG\", \"syscalls\": [$(errno_rule getpgid 89)]}")
	sc "$b" SECC-02 1 "field Seccomp 2"
	sc "$b" SECC-02 2 "getsid 0 -> ok"
	sc "$b" SECC-02 3 "getpgid 0 -> errno 89"
	inside_run secc-deflog "$b"
}

row SECC-03 MUST "defaultErrnoRet is the default action's errno (EPERM when absent); refused with an action without errno"
# secc-deferrno sets 88; secc-deferrno-eperm leaves it out (EPERM, 1). With
# ALLOW and KILL_PROCESS as defaultAction the runtime must print an error and
# fail (runc 1.1.5 ignores it there).
t_SECC_03() {
	local r=0
	inside_all SECC-03 secc-deferrno secc-deferrno-eperm || r=1
	secc_refused SECC-03 "defaultErrnoRet with defaultAction SCMP_ACT_ALLOW" \
		'{"defaultAction": "SCMP_ACT_ALLOW", "defaultErrnoRet": 5}' || r=1
	secc_refused SECC-03 "defaultErrnoRet with defaultAction SCMP_ACT_KILL_PROCESS" \
		"{\"defaultAction\": \"SCMP_ACT_KILL_PROCESS\", \"defaultErrnoRet\": 5, \"syscalls\": [{\"names\": $ALLOW_NAMES, \"action\": \"SCMP_ACT_ALLOW\"}]}" || r=1
	return $r
}

scen_secc_deferrno_eperm() {
	local b
	b=$(secc_bundle secc-deferrno-eperm "$(jq -n --argjson a "$ALLOW_NAMES" '{defaultAction: "SCMP_ACT_ERRNO",
		syscalls: [{names: $a, action: "SCMP_ACT_ALLOW"}]}')")
	sc "$b" SECC-03 1 "getpgid 0 -> errno 1"
	sc "$b" SECC-03 2 "getppid -> ok"
	inside_run secc-deferrno-eperm "$b"
}

# ------------------------------------------------------------------ SECC-04

row SECC-04 MUST* "architectures: each listed SCMP_ARCH_* is added to the filter"
# secc-arch lists x86_64, x86 and x32: getpgid must be refused through the
# native entry point and through the i386 one (int 0x80, getpgid is 132
# there). Without SCMP_ARCH_X86 the filter kills an i386 call (libseccomp's
# bad-arch action): the probe then reports "signal 31" and the row fails.
# secc-arch-all lists every constant of the spec; the runtime must accept
# them (a warning for the ones its libseccomp or kernel cannot use is fine).
t_SECC_04() {
	local r=0
	inside_all SECC-04 secc-arch secc-arch-all || r=1
	return $r
}

scen_secc_arch() {
	local b native=SCMP_ARCH_X86_64
	case $(uname -m) in
	x86_64) ;;
	aarch64) native=SCMP_ARCH_AARCH64 ;;
	*) native="" ;;
	esac
	b=$(secc_bundle secc-arch "{\"defaultAction\": \"SCMP_ACT_ALLOW\",
		\"architectures\": [${native:+\"$native\", }\"SCMP_ARCH_X86\", \"SCMP_ARCH_X32\"], \"syscalls\": [$(errno_rule getpgid 91)]}")
	sc "$b" SECC-04 1 "getpgid 0 -> errno 91"
	[ "$(uname -m)" != x86_64 ] || sc "$b" SECC-04 2 "i386:132 0 -> errno 91"
	inside_run secc-arch "$b"
}

SPEC_ARCHES='["SCMP_ARCH_X86","SCMP_ARCH_X86_64","SCMP_ARCH_X32","SCMP_ARCH_ARM","SCMP_ARCH_AARCH64",
 "SCMP_ARCH_MIPS","SCMP_ARCH_MIPS64","SCMP_ARCH_MIPS64N32","SCMP_ARCH_MIPSEL","SCMP_ARCH_MIPSEL64",
 "SCMP_ARCH_MIPSEL64N32","SCMP_ARCH_PPC","SCMP_ARCH_PPC64","SCMP_ARCH_PPC64LE","SCMP_ARCH_S390",
 "SCMP_ARCH_S390X","SCMP_ARCH_PARISC","SCMP_ARCH_PARISC64","SCMP_ARCH_RISCV64","SCMP_ARCH_LOONGARCH64",
 "SCMP_ARCH_M68K","SCMP_ARCH_SH","SCMP_ARCH_SHEB"]'

scen_secc_arch_all() {
	local b
	b=$(secc_bundle secc-arch-all "$(jq -n --argjson a "$SPEC_ARCHES" --argjson r "[$(errno_rule getpgid 92)]" \
		'{defaultAction: "SCMP_ACT_ALLOW", architectures: $a, syscalls: $r}')")
	sc "$b" SECC-04 1 "getpgid 0 -> errno 92"
	[ "$(uname -m)" != x86_64 ] || sc "$b" SECC-04 2 "i386:132 0 -> errno 92"
	inside_run secc-arch-all "$b"
}

# ------------------------------------------------------------------ SECC-05

row SECC-05 MUST* "flags (TSYNC, LOG, SPEC_ALLOW, WAIT_KILLABLE_RECV) are passed to seccomp(2)"
# secc-flags: TSYNC, LOG and SPEC_ALLOW; the program must run under the
# filter, and the kernel must report SECCOMP_FILTER_FLAG_LOG for it
# (PTRACE_SECCOMP_GET_METADATA from the host, the only flag the kernel
# reports: a runtime that drops the flags fails there; TSYNC and SPEC_ALLOW
# cannot be seen from outside). secc-waitkill: WAIT_KILLABLE_RECV with a
# notifying rule, the agent must answer.
t_SECC_05() { inside_all SECC-05 secc-flags secc-waitkill; }

scen_secc_flags() {
	local b
	b=$(secc_bundle secc-flags "{\"defaultAction\": \"SCMP_ACT_ALLOW\",
		\"flags\": [\"SECCOMP_FILTER_FLAG_TSYNC\", \"SECCOMP_FILTER_FLAG_LOG\", \"SECCOMP_FILTER_FLAG_SPEC_ALLOW\"],
		\"syscalls\": [$(errno_rule getpgid 93)]}")
	sc "$b" SECC-05 1 "field Seccomp 2"
	sc "$b" SECC-05 2 "getpgid 0 -> errno 93"
	ann "$b" pause 1
	inside_run secc-flags "$b"
}
pause_secc_flags() {
	local pid=$3 meta
	meta=$("$CHECKER" seccomp-meta "$pid" 2>&1)
	if grep -q '^filter 0 flags 0x[0-9a-f]*' <<<"$meta"; then
		local fl
		fl=$(sed -n 's/^filter 0 flags \(0x[0-9a-f]*\)$/\1/p' <<<"$meta")
		if (((fl & 2) != 0)); then
			echo "ok SECC-05 - the kernel reports SECCOMP_FILTER_FLAG_LOG on the container's filter ($fl)"
		else
			echo "not ok SECC-05 - the container's filter was loaded without SECCOMP_FILTER_FLAG_LOG (flags $fl)"
		fi
	else
		echo "# note SECC-05 - the filter's flags could not be read from the host: $(tr '\n' ' ' <<<"$meta")"
	fi
}

# ------------------------------------------------------------------ SECC-06

row SECC-06 MUST "syscalls[]: every action works; names must not be empty; errnoRet only with an action that returns an errno"
# One rule per action, each on its own system call, probed in a child with a
# SIGSYS handler: KILL, KILL_PROCESS and KILL_THREAD kill it by SIGSYS
# (uncatchable), TRAP raises a SIGSYS it catches, ERRNO returns errnoRet
# (EPERM without), TRACE returns ENOSYS (no tracer), LOG allows. Refused:
# empty names, errnoRet with SCMP_ACT_KILL and SCMP_ACT_ALLOW, an unknown
# action (a runtime that ignores errnoRet there fails: runc 1.1.5).
t_SECC_06() {
	local r=0
	inside secc-actions SECC-06 || r=1
	secc_refused SECC-06 "a rule with empty names" \
		'{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": [], "action": "SCMP_ACT_ERRNO"}]}' || r=1
	secc_refused SECC-06 "errnoRet with SCMP_ACT_KILL" \
		'{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["getpgid"], "action": "SCMP_ACT_KILL", "errnoRet": 5}]}' || r=1
	secc_refused SECC-06 "errnoRet with SCMP_ACT_LOG" \
		'{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["getpgid"], "action": "SCMP_ACT_LOG", "errnoRet": 5}]}' || r=1
	secc_refused SECC-06 "action SCMP_ACT_OCI_BOGUS" \
		'{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["getpgid"], "action": "SCMP_ACT_OCI_BOGUS"}]}' || r=1
	return $r
}

scen_secc_actions() {
	local b p
	p=$(jq -n '{defaultAction: "SCMP_ACT_ALLOW", syscalls: [
		{names: ["getpgid"], action: "SCMP_ACT_ERRNO", errnoRet: 81},
		{names: ["getsid"], action: "SCMP_ACT_ERRNO"},
		{names: ["sched_getscheduler"], action: "SCMP_ACT_KILL"},
		{names: ["personality"], action: "SCMP_ACT_KILL_PROCESS"},
		{names: ["umask"], action: "SCMP_ACT_KILL_THREAD"},
		{names: ["getpriority"], action: "SCMP_ACT_TRAP"},
		{names: ["ioprio_get"], action: "SCMP_ACT_TRACE"},
		{names: ["getppid"], action: "SCMP_ACT_LOG"}]}')
	b=$(secc_bundle secc-actions "$p")
	sc "$b" SECC-06 1 "getpgid 0 -> errno 81"
	sc "$b" SECC-06 2 "getsid 0 -> errno 1"
	sc "$b" SECC-06 3 "sched_getscheduler 0 -> signal 31"
	sc "$b" SECC-06 4 "personality 0xffffffff -> signal 31"
	sc "$b" SECC-06 5 "umask 022 -> signal 31"
	sc "$b" SECC-06 6 "getpriority 0 0 -> trap"
	sc "$b" SECC-06 7 "ioprio_get 1 0 -> errno 38"
	sc "$b" SECC-06 8 "getppid -> ok"
	inside_run secc-actions "$b"
}

# ------------------------------------------------------------------ SECC-07

row SECC-07 MUST* "args[]: every operator compares as specified; a rule's conditions apply together"
# One ERRNO rule per operator, each on its own call and with its own errno,
# probed with a value that matches and one that does not (a call that does
# not match runs: getpgid/getsid/sched_getscheduler of a pid that does not
# exist give ESRCH). MASKED_EQ: value is the mask, valueTwo the datum (as
# libseccomp's SCMP_CMP_MASKED_EQ(mask, datum), runc and crun). Two
# conditions of one rule must both hold: ioprio_get(1, 4242) is refused,
# ioprio_get(1, 0) and ioprio_get(2, 4242) are not. A runtime that drops a
# condition refuses a non-matching call; one that ORs them refuses
# ioprio_get(2, 4242).
t_SECC_07() { inside secc-args SECC-07; }

scen_secc_args() {
	local b p
	p=$(jq -n '{defaultAction: "SCMP_ACT_ALLOW", syscalls: [
		{names: ["getpgid"], action: "SCMP_ACT_ERRNO", errnoRet: 71, args: [{index: 0, value: 4242, op: "SCMP_CMP_EQ"}]},
		{names: ["getsid"], action: "SCMP_ACT_ERRNO", errnoRet: 72, args: [{index: 0, value: 0, op: "SCMP_CMP_NE"}]},
		{names: ["sched_getscheduler"], action: "SCMP_ACT_ERRNO", errnoRet: 73, args: [{index: 0, value: 3000, op: "SCMP_CMP_LT"}]},
		{names: ["alarm"], action: "SCMP_ACT_ERRNO", errnoRet: 74, args: [{index: 0, value: 100, op: "SCMP_CMP_LE"}]},
		{names: ["umask"], action: "SCMP_ACT_ERRNO", errnoRet: 75, args: [{index: 0, value: 511, op: "SCMP_CMP_GE"}]},
		{names: ["personality"], action: "SCMP_ACT_ERRNO", errnoRet: 76, args: [{index: 0, value: 4096, op: "SCMP_CMP_GT"}]},
		{names: ["getpriority"], action: "SCMP_ACT_ERRNO", errnoRet: 77, args: [{index: 1, value: 65280, valueTwo: 4608, op: "SCMP_CMP_MASKED_EQ"}]},
		{names: ["ioprio_get"], action: "SCMP_ACT_ERRNO", errnoRet: 78, args: [
			{index: 0, value: 1, op: "SCMP_CMP_EQ"}, {index: 1, value: 4242, op: "SCMP_CMP_EQ"}]}]}')
	b=$(secc_bundle secc-args "$p")
	sc "$b" SECC-07 01 "getpgid 4242 -> errno 71"
	sc "$b" SECC-07 02 "getpgid 4243 -> errno 3"
	sc "$b" SECC-07 03 "getsid 4242 -> errno 72"
	sc "$b" SECC-07 04 "getsid 0 -> ok"
	sc "$b" SECC-07 05 "sched_getscheduler 2999 -> errno 73"
	sc "$b" SECC-07 06 "sched_getscheduler 3000 -> errno 3"
	if [ "$(uname -m)" = x86_64 ]; then
		sc "$b" SECC-07 07 "alarm 100 -> errno 74"
		sc "$b" SECC-07 08 "alarm 101 -> ok"
	fi
	sc "$b" SECC-07 09 "umask 0777 -> errno 75"
	sc "$b" SECC-07 10 "umask 0776 -> ok"
	sc "$b" SECC-07 11 "personality 4097 -> errno 76"
	sc "$b" SECC-07 12 "personality 4096 -> ok"
	sc "$b" SECC-07 13 "getpriority 0 0x1234 -> errno 77"
	sc "$b" SECC-07 14 "getpriority 0 0x1334 -> errno 3"
	sc "$b" SECC-07 15 "ioprio_get 1 4242 -> errno 78"
	sc "$b" SECC-07 16 "ioprio_get 1 0 -> ok"
	sc "$b" SECC-07 17 "ioprio_get 2 4242 -> errno-not 78"
	inside_run secc-args "$b"
}

# ------------------------------------------------------------------ SECC-08..10: SCMP_ACT_NOTIFY

_agent_pid=""

# start_agent NAME: the notify agent on $T/NAME.sock, logging to $T/NAME.log
start_agent() {
	"$CHECKER" seccomp-agent "$T/$1.sock" "$T/$1.log" </dev/null >"$T/$1.agent.out" 2>&1 &
	_agent_pid=$!
	track_pid "$_agent_pid"
	wait_until 5 test -S "$T/$1.sock"
}

NOTIFY_META='oci-conformance metadata: {"k": "v"} ünï'

notify_profile() { # LISTENER [EXTRA_JQ]
	jq -n --arg l "$1" --arg m "$NOTIFY_META" '{defaultAction: "SCMP_ACT_ALLOW",
		listenerPath: $l, listenerMetadata: $m,
		syscalls: [{names: ["getsid", "mkdirat"], action: "SCMP_ACT_NOTIFY"}]} | '"${2:-.}"
}

scen_secc_notify() {
	local b
	start_agent secc-notify || { echo "the seccomp agent did not start" >"$T/scen/secc-notify.status"; return 0; }
	b=$(secc_bundle secc-notify "$(notify_profile "$T/secc-notify.sock")")
	sc "$b" SECC-08 1 "getsid 0 -> ret 4242"
	sc "$b" SECC-08 2 "mkdirat -100 s:/secc-notified 0755 -> ret 0"
	check "$b" SECC-08 3 "exists /secc-notified"
	ann "$b" pause 1
	inside_run secc-notify "$b"
}

# what the agent saw, checked while the container runs (create is over, so
# the runtime must have closed the connection)
pause_secc_notify() {
	local b=$1 id=$2 pid=$3 log=$T/secc-notify.log js=$T/secc-notify.log.json n
	n=$(grep -c '^conn ' "$log")
	[ "$n" = 1 ] && echo "ok SECC-08 - one connection to listenerPath" ||
		echo "not ok SECC-08 - $n connections to listenerPath (one container process state, one connection)"
	grep -q '^eof 1$' "$log" && echo "ok SECC-08 - the runtime closed the connection after sending" ||
		echo "not ok SECC-08 - the connection is still open after create: $(tr '\n' ' ' <"$log")"
	n=$(jq -s length "$js" 2>/dev/null)
	[ "$n" = 1 ] && echo "ok SECC-08 - exactly one JSON document was sent" ||
		echo "not ok SECC-08 - the connection carried ${n:-unparsable} JSON documents: $(head -c 300 "$js")"
	[ "$n" = 1 ] || return 0
	# SECC-09: the container process state
	local fds nfds link idx
	jq -e '.ociVersion | type == "string" and length > 0' "$js" >/dev/null &&
		echo "ok SECC-09 - ociVersion $(jq -c .ociVersion "$js")" || echo "not ok SECC-09 - no ociVersion: $(head -c 300 "$js")"
	fds=$(jq -c '.fds' "$js")
	nfds=$(awk '$1 == "msg" { n += $6 } END { print n + 0 }' "$log")
	idx=$(jq '.fds | if type == "array" then index("seccompFd") else null end' "$js")
	if [ "$idx" != null ] && [ "$(jq '.fds | length' "$js")" = "$nfds" ]; then
		link=$(awk -v i="$idx" '$1 == "fd" && $3 == i { $1 = $2 = $3 = ""; print substr($0, 4) }' "$log")
		[[ $link == *seccomp* ]] && echo "ok SECC-09 - fds $fds names the $nfds SCM_RIGHTS fds; seccompFd is $link" ||
			echo "not ok SECC-09 - fds $fds: the fd named seccompFd is [$link], not a seccomp listener"
	else
		echo "not ok SECC-09 - fds $fds does not name the $nfds fds sent with SCM_RIGHTS (seccompFd among them)"
	fi
	awk '$1 == "msg" && NR > 0 { m++; if (m > 1 && $6 > 0) bad = 1 } END { exit bad }' "$log" &&
		echo "ok SECC-09 - fds travel with the first sendmsg only" ||
		echo "not ok SECC-09 - fds were sent after the first message: $(grep '^msg' "$log" | tr '\n' ' ')"
	[ "$(jq '.pid' "$js")" = "$pid" ] && echo "ok SECC-09 - pid $pid is the container process as the runtime sees it" ||
		echo "not ok SECC-09 - pid $(jq -c .pid "$js"), the container process is $pid"
	jq -e --arg id "$id" --arg b "$b" --argjson pid "$pid" '.state | type == "object" and .id == $id
		and (.status == "creating" or .status == "created") and .pid == $pid and .bundle == $b
		and (.ociVersion | type == "string")' "$js" >/dev/null &&
		echo "ok SECC-09 - state $(jq -c '.state | {id, status, pid}' "$js")" ||
		echo "not ok SECC-09 - state is not the container's state (id $id, pid $pid, bundle $b): $(jq -c .state "$js" | head -c 300)"
	# SECC-10
	jq -e --arg m "$NOTIFY_META" '.metadata == $m' "$js" >/dev/null &&
		echo "ok SECC-10 - metadata is listenerMetadata" ||
		echo "not ok SECC-10 - metadata $(jq -c .metadata "$js"), listenerMetadata is $(jq -cn --arg m "$NOTIFY_META" '$m')"
}

row SECC-08 MUST "listenerPath: one container process state per AF_UNIX stream connection, then closed; a failed send is an error; ignored without NOTIFY"
# The agent answers the probes (getsid gets the fake value 4242, mkdirat
# continues: the directory exists); it must see one connection and one JSON
# document, closed by the time create returned. A listenerPath nobody listens
# on must fail create when a rule notifies, and be ignored when none does
# (a runtime that connects anyway fails that part).
t_SECC_08() {
	local r=0 b id
	inside secc-notify SECC-08 || r=1
	: >"$T/secc-dead.sock"
	secc_refused SECC-08 "listenerPath that nobody listens on" "$(notify_profile "$T/secc-dead.sock")" || r=1
	b=$(secc_bundle secc08-ignored "$(notify_profile "$T/secc-dead.sock" \
		'del(.listenerMetadata) | .syscalls = [{names: ["getpgid"], action: "SCMP_ACT_ERRNO", errnoRet: 96}]')")
	sc "$b" SECC-08 1 "getpgid 0 -> errno 96"
	id=$(new_id)
	run_to_end "$id" "$b"
	if [ "$RC" != 0 ]; then
		say "listenerPath without a notifying rule must be ignored: $PHASE fails: $(short "$ERR")"
		r=1
	elif ! grep -q '^ok SECC-08 - getpgid' <<<"$OUTPUT"; then
		say "listenerPath without a notifying rule: the filter does not hold: $(short "$OUTPUT")"
		r=1
	fi
	return $r
}

row SECC-09 MUST "the container process state: ociVersion, fds naming the SCM_RIGHTS fds (seccompFd), pid, metadata, state"
t_SECC_09() { inside secc-notify SECC-09; }

row SECC-10 MUST "listenerMetadata is sent as metadata; listenerMetadata without listenerPath is an error"
t_SECC_10() {
	local r=0
	inside secc-notify SECC-10 || r=1
	secc_refused SECC-10 "listenerMetadata without listenerPath" \
		"{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"listenerMetadata\": \"m\", \"syscalls\": [$(errno_rule getpgid 97)]}" || r=1
	return $r
}

scen_secc_waitkill() {
	local b
	start_agent secc-waitkill || { echo "the seccomp agent did not start" >"$T/scen/secc-waitkill.status"; return 0; }
	b=$(secc_bundle secc-waitkill "$(notify_profile "$T/secc-waitkill.sock" \
		'.flags = ["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"] | .syscalls[0].names = ["getsid"]')")
	sc "$b" SECC-05 1 "field Seccomp 2"
	sc "$b" SECC-05 2 "getsid 0 -> ret 4242"
	inside_run secc-waitkill "$b"
}

# ------------------------------------------------------------------ SECC-11

row SECC-11 impl "a syscall name unknown to the runtime is skipped (with a warning), the rest of the rule holds"
# A missing warning is a note (guidance, not spec text); failing create on
# the name, or dropping the whole rule, is not ok.
t_SECC_11() {
	local b id said
	b=$(secc_bundle secc11 '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["oci_bogus_syscall", "getpgid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 98}]}')
	sc "$b" SECC-11 1 "getpgid 0 -> errno 98"
	id=$(new_id)
	RT_GLOBAL="--log $T/secc11.log" run_to_end "$id" "$b"
	[ "$RC" = 0 ] || fail "an unknown syscall name fails $PHASE: $(short "$ERR")"
	grep -q '^ok SECC-11 - getpgid' <<<"$OUTPUT" || fail "the known name of the rule is not filtered: $(short "$OUTPUT")"
	said=$(cat "$b/ctr.err" "$T/secc11.log" 2>/dev/null)
	grep -q oci_bogus_syscall <<<"$said" || note "no warning names oci_bogus_syscall (stderr, --log)"
	return 0
}
