# Shared helpers of the conformance suite, sourced by ../run.
#
# Everything a test makes lives under $T (a private temp dir): the runtime's
# state root ($STATE), bundles ($T/b/NAME), scenario results ($T/scen). Every
# container gets the cgroupsPath $CGPARENT/<id> unless the test says
# otherwise, so the exit trap can find and remove whatever a broken runtime
# leaves behind.
#
# A test is a function t_<ROW> (dashes become underscores) run in a subshell.
# It returns 0 (ok) or 1 (not ok), or exits 77 through skip_test. Lines it
# prints become TAP diagnostics; "note: ..." lines become "# note: ..." lines.

CMD_TIMEOUT=${OCI_CMD_TIMEOUT:-30}
NOTE_PREFIX="note:"

say() { printf '%s\n' "$*"; }
note() { say "$NOTE_PREFIX $*"; }
fail() { say "$*"; exit 1; }
skip_test() { say "SKIP: $*"; exit 77; }

# first line of a runtime's error output, shortened, for diagnostics
short() { tr '\n' ' ' <<<"$1" | sed 's/  */ /g' | cut -c1-${2:-240}; }

# ------------------------------------------------------------------ the runtime

# close every fd above 2 (except those in $KEEP_FDS) so the runtime starts
# with nothing but stdio, as a caller like containerd would start it
_closefds() {
	local f fd
	for f in /proc/$BASHPID/fd/*; do
		fd=${f##*/}
		[ "$fd" -gt 2 ] 2>/dev/null || continue
		case " ${KEEP_FDS:-} " in *" $fd "*) continue ;; esac
		eval "exec $fd>&-" 2>/dev/null
	done
	return 0
}

# rt ARGS...: the runtime with the suite's private state root (and the global
# options in $RT_GLOBAL, e.g. "--log FILE")
rt() {
	(
		_closefds
		umask "$CALLER_UMASK"
		# shellcheck disable=SC2086
		exec timeout -k 5 "$CMD_TIMEOUT" "$RT" --root "$STATE" ${RT_GLOBAL:-} "$@"
	)
}

# rt_root ROOT ARGS...: the runtime with another state root
rt_root() {
	local root=$1
	shift
	(
		_closefds
		umask "$CALLER_UMASK"
		exec timeout -k 5 "$CMD_TIMEOUT" "$RT" --root "$root" "$@"
	)
}

# capture CMD...: sets RC, OUT, ERR (stdin /dev/null)
capture() {
	local rc=0
	"$@" </dev/null >"$T/.out" 2>"$T/.err" || rc=$?
	RC=$rc
	OUT=$(cat "$T/.out")
	ERR=$(cat "$T/.err")
	return 0
}

# new_id: a fresh container ID, recorded for the exit trap
new_id() {
	local n
	n=$(($(cat "$T/.count") + 1))
	echo "$n" >"$T/.count"
	echo "oc$$-$n" | tee -a "$T/.ids"
}

# state_of ID: the state JSON (empty when state fails)
state_of() { rt state "$1" 2>/dev/null; }
# (parsed without jq: jq takes 30+ ms to start, these are polled)
status_of() {
	local s
	s=$(rt state "$1" 2>/dev/null) || return 0
	[[ $s =~ \"status\"[[:space:]]*:[[:space:]]*\"([a-z]+)\" ]] && echo "${BASH_REMATCH[1]}"
	return 0
}
pid_of() {
	local s
	s=$(rt state "$1" 2>/dev/null) || return 0
	[[ $s =~ \"pid\"[[:space:]]*:[[:space:]]*([0-9]+) ]] && echo "${BASH_REMATCH[1]}"
	return 0
}

# alive PID: the process exists and is not a zombie
alive() {
	local s
	[ -n "$1" ] && [ "$1" != 0 ] || return 1
	s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	s=${s##*) }
	[ "${s%% *}" != Z ] && [ "${s%% *}" != X ]
}

# wait_until SECONDS CMD...: poll CMD every 5 ms
wait_until() {
	local end=$((${EPOCHREALTIME/./} + $1 * 1000000))
	shift
	while :; do
		"$@" >/dev/null 2>&1 && return 0
		[ "${EPOCHREALTIME/./}" -lt "$end" ] || return 1
		sleep 0.005
	done
}

_status_is() { [ "$(status_of "$1")" = "$2" ]; }
_dead() { ! alive "$1"; }

# wait_status ID STATUS [SECONDS]
wait_status() { wait_until "${3:-10}" _status_is "$1" "$2"; }
# wait_dead PID [SECONDS]
wait_dead() { wait_until "${2:-10}" _dead "$1"; }

# remove a container whatever its state
force_delete() { rt delete -f "$1" >/dev/null 2>&1 || rt delete --force "$1" >/dev/null 2>&1 || true; }

# delete every container under the state root (between tests)
delete_all() {
	local id
	for id in $( (ls "$STATE"; rt list -q 2>/dev/null) 2>/dev/null | sort -u); do
		case $id in .* | *.json | *.lock) continue ;; esac
		force_delete "$id"
	done
}

# ------------------------------------------------------------------ cgroups and mounts

cgroup_mounts() {
	awk '{ for (i = 7; i <= NF; i++) if ($i == "-") break;
	       t = $(i + 1); if (t == "cgroup" || t == "cgroup2") print $5 }' /proc/self/mountinfo
}

# cgroup_dirs ID: the container's cgroup directories that exist (under $CGPARENT)
cgroup_dirs() {
	local m
	for m in $(cgroup_mounts); do
		[ -d "$m$CGPARENT/$1" ] && echo "$m$CGPARENT/$1"
	done
	return 0
}

_sweep_cgroup() {
	local dir=$1 d p
	[ -d "$dir" ] || return 0
	while IFS= read -r d; do
		for p in $(cat "$d/cgroup.procs" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
		rmdir "$d" 2>/dev/null || { sleep 0.05; rmdir "$d" 2>/dev/null; }
	done < <(find "$dir" -depth -type d 2>/dev/null)
	return 0
}

# host_mounts_under DIR: host mount points at or below DIR
host_mounts_under() {
	awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo
}

# ------------------------------------------------------------------ helpers

# track_pid PID: a helper process, killed after the test
track_pid() { echo "$1" >>"$T/.pids"; }

kill_helpers() {
	local p
	for p in $(cat "$T/.pids" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
	: >"$T/.pids"
}

ns_of() { readlink "/proc/$1/ns/$2" 2>/dev/null; }

# no_trace ID [BUNDLE]: nothing of container ID is left (state, list, cgroup,
# host mounts under the bundle); prints what remains, returns 1 then
no_trace() {
	local id=$1 b=${2:-} bad=0 l
	if rt state "$id" >/dev/null 2>&1; then
		say "state $id still answers: $(state_of "$id" | head -c 300)"
		bad=1
	fi
	if rt list -q 2>/dev/null | grep -qxF -- "$id"; then
		say "list still shows $id"
		bad=1
	fi
	l=$(cgroup_dirs "$id")
	if [ -n "$l" ]; then
		say "cgroup left behind: $(echo $l)"
		bad=1
	fi
	if [ -n "$b" ]; then
		l=$(host_mounts_under "$b")
		if [ -n "$l" ]; then
			say "host mounts left under the bundle: $(echo $l)"
			bad=1
		fi
	fi
	return $bad
}

# ------------------------------------------------------------------ bundles

# the default config: what runtime-tools' generator gives, minus seccomp,
# capabilities and rlimits (those rows have their own scenarios)
base_config() {
	cat <<'EOF'
{
  "ociVersion": "1.0.2",
  "process": {
    "terminal": false,
    "user": {"uid": 0, "gid": 0},
    "args": ["/oci-checker"],
    "env": ["PATH=/usr/local/oci/bin:/bin:/sbin", "HOME=/root", "TERM=xterm",
            "OCI_EMPTY=", "OCI_EQ=a=b=c", "OCI_SPACE=two words"],
    "cwd": "/"
  },
  "root": {"path": "rootfs"},
  "hostname": "oci-conformance",
  "mounts": [
    {"destination": "/proc", "type": "proc", "source": "proc"},
    {"destination": "/dev", "type": "tmpfs", "source": "tmpfs",
     "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
    {"destination": "/dev/pts", "type": "devpts", "source": "devpts",
     "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]},
    {"destination": "/dev/shm", "type": "tmpfs", "source": "shm",
     "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]},
    {"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue",
     "options": ["nosuid", "noexec", "nodev"]},
    {"destination": "/sys", "type": "sysfs", "source": "sysfs",
     "options": ["nosuid", "noexec", "nodev", "ro"]}
  ],
  "linux": {
    "namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"},
                   {"type": "uts"}, {"type": "mount"}]
  }
}
EOF
}

# the busybox rootfs every bundle starts from, with the checker in it
make_template() {
	local t=$T/template bb a
	bb=$(command -v busybox || true)
	[ -n "$bb" ] || return 1
	mkdir -p "$t"/{bin,sbin,etc,proc,sys,dev,tmp,root,mnt,run,oci/cwd,usr/local/oci/bin}
	chmod 1777 "$t/tmp"
	cp "$bb" "$t/bin/busybox"
	# only the applets the tests use: a small tree is quick to copy
	for a in sh true false echo cat touch sleep usleep kill ls test [ mkdir rm id hostname \
		mount umount stat readlink env wc grep head; do
		ln -s busybox "$t/bin/$a" 2>/dev/null
	done
	cp "$CHECKER" "$t/oci-checker"
	ln "$t/oci-checker" "$t/usr/local/oci/bin/oci-checker"
	printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$t/etc/passwd"
	printf 'root:x:0:\ntty:x:5:\nnogroup:x:65534:\n' >"$t/etc/group"
	chmod -R a+rX "$t"
}

# mkbundle NAME [JQ_FILTER [JQ_ARGS...]]: $T/b/NAME with rootfs/ (hard links
# of the template) and config.json (the base config edited by the filter);
# prints the bundle path
mkbundle() {
	local name=$1 b
	shift
	b=$T/b/$name
	# a fresh directory every time (removing the old one costs more than
	# the exit trap's single rm -rf)
	[ ! -e "$b" ] || b=$T/b/$name.$RANDOM$RANDOM
	mkdir -p "$b"
	cp -al "$T/template" "$b/rootfs"
	if [ $# -eq 0 ]; then
		cp "$T/base-config.json" "$b/config.json"
	else
		local f=$1
		shift
		jq "$@" "$f" "$T/base-config.json" >"$b/config.json"
	fi
	echo "$b"
}

# cfg BUNDLE JQ_FILTER [JQ_ARGS...]: edit the bundle's config.json
cfg() {
	local b=$1 f=$2
	shift 2
	jq "$@" "$f" "$b/config.json" >"$b/config.json.new" && mv "$b/config.json.new" "$b/config.json"
}

# rootfs_of BUNDLE: the host path of root.path
rootfs_of() {
	local p
	if [ -e "$1/.rootfs" ]; then
		cat "$1/.rootfs"
		return 0
	fi
	p=$(jq -r '.root.path // empty' "$1/config.json" 2>/dev/null)
	case $p in
	"") echo "$1/rootfs" ;;
	/*) echo "$p" ;;
	*) echo "$1/$p" ;;
	esac
}

devino() { stat -c '%d:%i' "$1"; }

# finalize BUNDLE ID: the container's stdio files, the cgroupsPath, the
# annotations the checker needs, and a copy of config.json in the rootfs
finalize() {
	local b=$1 id=$2 root
	: >"$b/ctr.in"
	: >"$b/ctr.out"
	: >"$b/ctr.err"
	rm -f "$b/.rootfs"
	root=$(rootfs_of "$b")
	echo "$root" >"$b/.rootfs"
	local stdio
	stdio="$(devino "$b/ctr.in"),$(devino "$b/ctr.out"),$(devino "$b/ctr.err")"
	[ -d "$root" ] || root=""
	jq --arg cg "$CGPARENT/$id" --arg stdio "$stdio" --arg root "${root:+$(devino "$root")}" \
		--arg umask "$CALLER_UMASK" --arg oom "$CALLER_OOM" --arg bundle "$b" '
		(if .linux and (.linux.cgroupsPath == null) and ($ENV.OCI_NO_CGPATH // "") == "" then .linux.cgroupsPath = $cg else . end)
		| if .process then
		    .annotations = ((.annotations // {}) + {
		      "org.oci-conformance.stdio": $stdio,
		      "org.oci-conformance.umask": $umask,
		      "org.oci-conformance.oom": $oom,
		      "org.oci-conformance.bundle": $bundle
		    } + (if $root != "" then {"org.oci-conformance.root": $root} else {} end))
		  else . end' "$b/config.json" >"$b/config.json.new" && mv "$b/config.json.new" "$b/config.json"
	if [ -n "$root" ] && [ "$(realpath "$root")" != "$(realpath "$b")" ]; then
		cp "$b/config.json" "$root/config.json"
		chmod 644 "$root/config.json"
	fi
}

# create ID BUNDLE [CREATE_OPTS...]: finalize, then create with the
# container's stdio on BUNDLE/ctr.{in,out,err}; sets RC and ERR
create() {
	local id=$1 b=$2
	shift 2
	finalize "$b" "$id"
	# jq keeps numbers as doubles: 2^64-1 is written as the string "@U64MAX@"
	# and put in here, after the last jq pass
	if grep -q '"@U64MAX@"' "$b/config.json"; then
		sed -i 's/"@U64MAX@"/18446744073709551615/g' "$b/config.json"
		local root
		root=$(rootfs_of "$b")
		[ ! -f "$root/config.json" ] || sed -i 's/"@U64MAX@"/18446744073709551615/g' "$root/config.json"
	fi
	create_raw "$id" "$b" "$@"
}

# create_raw ID BUNDLE [OPTS...]: create without touching config.json
create_raw() {
	local id=$1 b=$2 rc=0
	shift 2
	[ -e "$b/ctr.out" ] || { : >"$b/ctr.in"; : >"$b/ctr.out"; : >"$b/ctr.err"; }
	rt create "$@" --bundle "$b" "$id" <"$b/ctr.in" >>"$b/ctr.out" 2>>"$b/ctr.err" || rc=$?
	RC=$rc
	ERR=$(head -c 3000 "$b/ctr.err")
	return 0
}

# expect_create_fails ID BUNDLE WHAT: create must fail and leave nothing
expect_create_fails() {
	local id=$1 b=$2 what=$3
	create "$id" "$b"
	if [ "$RC" = 0 ]; then
		say "$what: create succeeded (status $(status_of "$id")), it must fail"
		force_delete "$id"
		return 1
	fi
	say "$what: create fails: $(short "$ERR" 160)"
	no_trace "$id" "$b" || return 1
	return 0
}

# expect_create_fails_raw: the same without finalize
expect_create_fails_raw() {
	local id=$1 b=$2 what=$3
	create_raw "$id" "$b"
	if [ "$RC" = 0 ]; then
		say "$what: create succeeded (status $(status_of "$id")), it must fail"
		force_delete "$id"
		return 1
	fi
	say "$what: create fails: $(short "$ERR" 160)"
	no_trace "$id" "$b" || return 1
	return 0
}

# run_to_end ID BUNDLE [OPTS...]: create, start, wait for the process to exit;
# sets RC (0 when it ran), PHASE (what failed), OUTPUT (container stdout)
run_to_end() {
	local id=$1 b=$2 pid
	shift 2
	PHASE=create
	create "$id" "$b" "$@"
	[ "$RC" = 0 ] || return 0
	pid=$(pid_of "$id")
	PHASE=start
	capture rt start "$id"
	if [ "$RC" != 0 ]; then
		ERR="$ERR $(cat "$b/ctr.err")"
		return 0
	fi
	PHASE=wait
	if [ -n "$pid" ] && [ "$pid" != 0 ]; then
		wait_dead "$pid" 20 || { RC=1; ERR="the container process $pid did not exit within 20 s"; }
	else
		wait_status "$id" stopped 20 || { RC=1; ERR="the container did not stop within 20 s"; }
	fi
	OUTPUT=$(tr -d '\r' <"$b/ctr.out")
	return 0
}

# ------------------------------------------------------------------ programs

# a program that waits until the runner creates /oci-go in the rootfs
WAIT_GO='while [ ! -e /oci-go ]; do usleep 5000; done'

# prog BUNDLE SCRIPT: process.args = sh -c SCRIPT
prog() { cfg "$1" '.process.args = ["/bin/sh", "-c", $s]' --arg s "$2"; }

# go BUNDLE: let a WAIT_GO program finish
go() { touch "$(rootfs_of "$1")/oci-go"; }

# ctr_output BUNDLE: what the container wrote to stdout
ctr_output() { tr -d '\r' <"$1/ctr.out"; }

# in_rootfs BUNDLE PATH: the host path of a path inside the rootfs
in_rootfs() { echo "$(rootfs_of "$1")$2"; }

# procs_in_cgroup ID: pids in the container's cgroup (any hierarchy)
procs_in_cgroup() {
	local d
	for d in $(cgroup_dirs "$1"); do cat "$d/cgroup.procs" 2>/dev/null; done | sort -u
}

# created_ok ID WHAT: create succeeded (RC) and status is created
created_ok() {
	if [ "$RC" != 0 ]; then
		say "$2: create failed: $(short "$ERR")"
		return 1
	fi
	local s
	s=$(status_of "$1")
	[ "$s" = created ] || { say "$2: status after create is \"$s\", not created"; return 1; }
	return 0
}

# private_dir: a directory on a private mount under $T (for nsfs bind mounts,
# which a shared mount refuses)
private_dir() {
	local d=$T/private
	if ! awk -v d="$d" '$5 == d { f = 1 } END { exit !f }' /proc/self/mountinfo; then
		mkdir -p "$d"
		mount --bind "$d" "$d" && mount --make-private "$d"
	fi
	echo "$d"
}

# has_cap N: the runner itself has capability number N (this environment may
# lack some, e.g. CAP_SYS_RESOURCE in a sandbox)
has_cap() {
	local eff
	eff=$(awk '/^CapEff:/ { print $2 }' /proc/self/status)
	(( (16#$eff >> $1) & 1 ))
}
