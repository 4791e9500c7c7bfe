# Shared library of the integration tests: source it first thing in every
# tests/integration/<name>.sh.
#
# A test file defines one shell function per case and calls `run_case NAME`
# for each, then `finish`. Every case runs in its own subshell with errexit, so
# one broken behaviour is reported without hiding the others. `fail MSG` ends
# the current case; `skip_case WHY` skips it; `skip WHY` (outside a case) skips
# the whole file. Exit status of the file: 0 all passed, 77 everything
# skipped, 1 anything failed.
#
# Environment (CTest sets it): ARCA (the binary), ARCA_TESTS (tests/ source
# dir), ARCA_BUILD (build dir: holds the cached rootfs), ARCA_TOOLS (helper
# programs built from tests/tools/*.c).
#
# Every arca call goes through `arca`, which adds a private state root
# ($T/state) so tests never see anybody else's containers. Container IDs come
# from `new_id` and are recorded, so the exit trap can force-delete them and
# sweep their cgroups even when a case dies half-way.

set -euo pipefail
set -E
shopt -s inherit_errexit 2>/dev/null || true

TEST_NAME=$(basename "${0%.sh}")
ARCA_TESTS=${ARCA_TESTS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
ARCA_BUILD=${ARCA_BUILD:-${TMPDIR:-/tmp}}
ARCA_TOOLS=${ARCA_TOOLS:-$ARCA_BUILD/tests/tools}
# Upper bound for one arca command; a hung command fails the case instead of
# eating the whole 300 s CTest budget.
ARCA_CMD_TIMEOUT=${ARCA_CMD_TIMEOUT:-30}

_say() { printf '%s\n' "$*"; }

# skip WHY: skip the whole file (only before or between cases).
skip() {
	_say "SKIP: $TEST_NAME: $*"
	exit 77
}

# fail MSG: the current case (or the file, outside a case) fails.
fail() {
	_say "FAIL: ${CASE:-$TEST_NAME}: $*"
	exit 1
}

# skip_case WHY: the current case is skipped.
skip_case() {
	_say "SKIP: ${CASE:-$TEST_NAME}: $*"
	exit 77
}

_on_err() {
	local rc=$?
	_say "FAIL: ${CASE:-$TEST_NAME}: command failed with status $rc:" \
		"$BASH_COMMAND (${BASH_SOURCE[1]:-?}:${BASH_LINENO[0]:-?})"
}
trap _on_err ERR

[ "$(id -u)" = 0 ] || skip "integration tests need root (they create namespaces, cgroups and mounts)"
[ -n "${ARCA:-}" ] || skip "ARCA is not set: run through CTest, or export ARCA=/path/to/arca"
[ -x "$ARCA" ] || fail "ARCA=$ARCA is not an executable"
command -v jq >/dev/null || skip "jq is not installed (apt-get install -y jq)"

T=$(mktemp -d "${TMPDIR:-/tmp}/arca-it-$TEST_NAME.XXXXXX")
chmod 755 "$T"   # a user-namespaced container root must reach its rootfs
mkdir -p "$T/state"
: >"$T/.ids"
: >"$T/.pids"
echo 0 >"$T/.count"

# ---------------------------------------------------------------- cleanup

# Every cgroup hierarchy mounted on the host: v1 ones and the cgroup2 tree.
cgroup_mounts() {
	awk '{ for (i = 7; i <= NF; i++) if ($i == "-") break;
	       t = $(i + 1); if (t == "cgroup" || t == "cgroup2") print $5 }' /proc/self/mountinfo
}

# remove a leftover cgroup directory tree (children first), killing what is
# still in it.
_sweep_cgroup() {
	local dir=$1 d
	[ -d "$dir" ] || return 0
	while IFS= read -r d; do
		local p
		for p in $(cat "$d/cgroup.procs" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
		rmdir "$d" 2>/dev/null || { sleep 0.1; rmdir "$d" 2>/dev/null; }
	done < <(find "$dir" -depth -type d 2>/dev/null)
	return 0
}

_cleanup() {
	local rc=$?
	trap - ERR
	set +e
	local p id m
	for p in $(cat "$T/.pids" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
	for id in $(ls "$T/state" 2>/dev/null); do
		timeout 20 "$ARCA" --root "$T/state" delete -f "$id" >/dev/null 2>&1
	done
	if [ -d "$T/runc" ] && command -v runc >/dev/null; then
		for id in $(runc --root "$T/runc" list -q 2>/dev/null); do
			timeout 20 runc --root "$T/runc" delete -f "$id" >/dev/null 2>&1
		done
	fi
	# processes still holding our state root on their command line (an init
	# child that a failed create left behind)
	for p in $(_procs_mentioning "$T/"); do kill -KILL "$p" 2>/dev/null; done
	for id in $(cat "$T/.ids" 2>/dev/null); do
		for m in $(cgroup_mounts); do
			_sweep_cgroup "$m/arca/$id"
			_sweep_cgroup "$m/$id"
		done
	done
	# a second pass, now that nothing is left in the cgroups
	for id in $(ls "$T/state" 2>/dev/null); do
		timeout 20 "$ARCA" --root "$T/state" delete -f "$id" >/dev/null 2>&1
	done
	# mounts a broken run left on the host under our temp dir
	local mp
	for mp in $(awk -v t="$T/" 'index($5, t) == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
		umount -l "$mp" 2>/dev/null
	done
	rm -rf --one-file-system "$T"
	exit "$rc"
}
trap _cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# ---------------------------------------------------------------- cases

_CASES_RUN=0
_CASES_FAILED=()
_CASES_SKIPPED=0

# run_case FUNCTION [ARGS...]: run one case in a subshell; record the result.
run_case() {
	local name=$1 rc t0=${EPOCHREALTIME/./}
	_CASES_RUN=$((_CASES_RUN + 1))
	trap - ERR
	set +e
	(
		CASE=$name
		set -eE
		trap _on_err ERR
		"$@"
	)
	rc=$?
	set -e
	trap _on_err ERR
	local ms=$(((${EPOCHREALTIME/./} - t0) / 1000))
	case $rc in
	0) _say "ok: $name (${ms} ms)" ;;
	77) _CASES_SKIPPED=$((_CASES_SKIPPED + 1)) ;;
	*) _CASES_FAILED+=("$name")
	   _say "not ok: $name (status $rc, ${ms} ms)" ;;
	esac
	_kill_helpers
	_delete_all
	return 0
}

# force-delete every container under this test's state root
_delete_all() {
	local id
	for id in $(ls "$T/state" 2>/dev/null); do
		timeout 20 "$ARCA" --root "$T/state" delete -f "$id" >/dev/null 2>&1 || true
	done
}

# finish: the file's verdict from its cases.
finish() {
	if [ ${#_CASES_FAILED[@]} -gt 0 ]; then
		_say "$TEST_NAME: ${#_CASES_FAILED[@]} of $_CASES_RUN cases failed: ${_CASES_FAILED[*]}"
		exit 1
	fi
	if [ "$_CASES_RUN" -gt 0 ] && [ "$_CASES_SKIPPED" = "$_CASES_RUN" ]; then
		_say "$TEST_NAME: every case skipped"
		exit 77
	fi
	_say "$TEST_NAME: $((_CASES_RUN - _CASES_SKIPPED)) cases passed, $_CASES_SKIPPED skipped"
	exit 0
}

# ---------------------------------------------------------------- assertions

assert_eq() { # ACTUAL EXPECTED MSG
	[ "$1" == "$2" ] || fail "$3: expected [$2], got [$1]"
}

assert_ne() { # ACTUAL UNEXPECTED MSG
	[ "$1" != "$2" ] || fail "$3: got [$1], which it must not be"
}

assert_contains() { # HAYSTACK NEEDLE MSG
	[[ "$1" == *"$2"* ]] || fail "$3: [$2] not found in [$1]"
}

assert_not_contains() { # HAYSTACK NEEDLE MSG
	[[ "$1" != *"$2"* ]] || fail "$3: [$2] must not appear in [$1]"
}

assert_match() { # STRING ERE MSG
	[[ "$1" =~ $2 ]] || fail "$3: [$1] does not match /$2/"
}

assert_file_absent() { # PATH MSG
	[ ! -e "$1" ] && [ ! -L "$1" ] || fail "$2: $1 exists"
}

assert_file_exists() { # PATH MSG
	[ -e "$1" ] || fail "$2: $1 does not exist"
}

# assert_ok / assert_failed MSG: about the exit status of the last capture,
# run_ctr or create_ctr ($RC).
assert_ok() {
	[ "$RC" = 0 ] || fail "$1: exit status $RC, stderr: [$ERR]"
}
assert_failed() {
	[ "$RC" != 0 ] || fail "$1: succeeded (exit 0) but must fail; stdout: [$OUT]"
}

# assert_one_line TEXT MSG: TEXT is exactly one non-empty line.
assert_one_line() {
	local n
	n=$(printf '%s' "$1" | grep -c '' || true)
	[ -n "$1" ] && [ "$n" = 1 ] || fail "$2: expected one line, got $n: [$1]"
}

# ---------------------------------------------------------------- running

# arca ARGS...: the binary with this test's private state root.
arca() {
	timeout -k 5 "$ARCA_CMD_TIMEOUT" "$ARCA" --root "$T/state" "$@"
}

# capture CMD...: run CMD with stdin from /dev/null; sets RC, OUT, ERR (with
# trailing newlines stripped, like $(...)). Never fails itself.
capture() {
	local rc=0
	"$@" </dev/null >"$T/.out" 2>"$T/.err" || rc=$?
	RC=$rc
	{ OUT=$(cat "$T/.out"); } 2>/dev/null # NUL bytes: the raw bytes stay in $T/.out
	ERR=$(cat "$T/.err")
	return 0
}

# new_id: print a fresh container ID (t-<pid>-<n>) and record it for cleanup.
new_id() {
	local n
	n=$(($(cat "$T/.count") + 1))
	echo "$n" >"$T/.count"
	echo "t-$$-$n" >>"$T/.ids"
	echo "t-$$-$n"
}

# track_pid PID: a helper process of the test, killed after the case.
track_pid() {
	echo "$1" >>"$T/.pids"
}

_kill_helpers() {
	local p
	for p in $(cat "$T/.pids" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
	: >"$T/.pids"
}

# state_field ID FIELD: one field of `arca state ID` (jq -r syntax: .status).
state_field() {
	arca state "$1" 2>/dev/null | jq -r "$2"
}

# wait_until SECONDS CMD...: poll CMD every 20 ms until it succeeds.
wait_until() {
	local limit=$1 i=0
	shift
	local n=$((limit * 50))
	while [ $i -lt $n ]; do
		if "$@" >/dev/null 2>&1; then return 0; fi
		sleep 0.02
		i=$((i + 1))
	done
	return 1
}

_status_is() {
	[ "$(state_field "$1" .status)" = "$2" ]
}

# wait_status ID STATUS SECONDS: fail unless ID reaches STATUS in time.
wait_status() {
	local id=$1 want=$2 limit=${3:-10}
	wait_until "$limit" _status_is "$id" "$want" ||
		fail "container $id did not reach status \"$want\" within ${limit}s (status now: $(state_field "$id" .status || true))"
}

# wait_file PATH SECONDS: fail unless PATH appears in time.
wait_file() {
	wait_until "${2:-10}" test -e "$1" || fail "$1 did not appear within ${2:-10}s"
}

# proc_starttime PID: field 22 of /proc/PID/stat (empty when PID is gone).
proc_starttime() {
	local s
	s=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
	s=${s##*) }
	set -- $s
	echo "${20}"
}

# proc_alive PID [STARTTIME]: PID exists, is not a zombie, and (when given)
# started at STARTTIME, i.e. is still the same process.
proc_alive() {
	local pid=$1 st=${2:-} s
	s=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
	s=${s##*) }
	set -- $s
	[ "$1" != Z ] && [ "$1" != X ] || return 1
	[ -z "$st" ] || [ "${20}" = "$st" ]
}

# pids of arca processes (the binary, or a clone of it) whose command line
# contains STRING.
_procs_mentioning() {
	local needle=$1 f p real exe
	real=$(readlink -f "$ARCA")
	for f in $(grep -lF -- "$needle" /proc/[0-9]*/cmdline 2>/dev/null); do
		p=${f#/proc/}
		p=${p%/cmdline}
		[ "$p" != "$$" ] && [ "$p" != "${BASHPID:-}" ] || continue
		exe=$(readlink "/proc/$p/exe" 2>/dev/null) || continue
		case $exe in
		"$ARCA"* | "$real"*) echo "$p" ;;
		esac
	done
	return 0
}

# proc_has_arg PID WORD: one argument of PID's command line is exactly WORD.
proc_has_arg() {
	tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null | grep -qxF -- "$2"
}

# proc_cmdline PID: the command line, spaces between the arguments
proc_cmdline() {
	tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true
}

# assert_gone ID BUNDLE [PID [STARTTIME]] LABEL: nothing of container ID is
# left on the host: no state dir, no cgroup in any hierarchy, no process (the
# given pid, or an arca process working on ID), no mount under the rootfs.
assert_gone() {
	local id=$1 bundle=$2 label=${*: -1} pid="" st=""
	[ $# -ge 4 ] && pid=$3
	[ $# -ge 5 ] && st=$4
	[ ! -e "$T/state/$id" ] || fail "$label: state dir $T/state/$id is left behind ($(ls "$T/state/$id" | tr '\n' ' '))"
	local m
	for m in $(cgroup_mounts); do
		[ ! -d "$m/arca/$id" ] || fail "$label: cgroup $m/arca/$id is left behind"
	done
	if [ -n "$pid" ] && proc_alive "$pid" "$st"; then
		fail "$label: container process $pid is still alive ($(proc_cmdline "$pid"))"
	fi
	local p
	for p in $(_procs_mentioning "$T/state"); do
		if proc_has_arg "$p" "$id" && proc_alive "$p"; then
			fail "$label: arca process $p for $id is left behind ($(proc_cmdline "$p"))"
		fi
	done
	local left
	left=$(awk -v r="$bundle/" 'index($5, r) == 1 { print $5 }' /proc/self/mountinfo)
	[ -z "$left" ] || fail "$label: mounts left on the host under $bundle: $left"
	return 0
}

# ---------------------------------------------------------------- bundles

ROOTFS_CACHE=${ARCA_ROOTFS_CACHE:-$ARCA_BUILD/test-rootfs}
ROOTFS_STAMP=.arca-test-rootfs-v1

# build the busybox rootfs once per build tree; later calls reuse it.
_build_rootfs() {
	[ -e "$ROOTFS_CACHE/$ROOTFS_STAMP" ] && return 0
	local bb
	bb=$(command -v busybox || true)
	[ -n "$bb" ] && file_is_static "$bb" ||
		skip "a static busybox is needed for the test rootfs (apt-get install -y busybox-static)"
	local tmp
	tmp=$(mktemp -d "$ARCA_BUILD/.test-rootfs.XXXXXX")
	mkdir -p "$tmp"/{bin,dev,etc,proc,sys,tmp,root,mnt,opt,run}
	chmod 1777 "$tmp/tmp"
	cp "$bb" "$tmp/bin/busybox"
	local a
	for a in $("$tmp/bin/busybox" --list); do
		[ "$a" = busybox ] || ln -s busybox "$tmp/bin/$a"
	done
	printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$tmp/etc/passwd"
	printf 'root:x:0:\ntty:x:5:\nnogroup:x:65534:\n' >"$tmp/etc/group"
	touch "$tmp/$ROOTFS_STAMP"
	chmod 755 "$tmp"
	rm -rf "$ROOTFS_CACHE.old"
	[ ! -e "$ROOTFS_CACHE" ] || mv "$ROOTFS_CACHE" "$ROOTFS_CACHE.old"
	mv -T "$tmp" "$ROOTFS_CACHE" 2>/dev/null || rm -rf "$tmp"
	rm -rf "$ROOTFS_CACHE.old"
}

file_is_static() {
	# a static ELF has no PT_INTERP, so no "interpreter" in file(1) / readelf
	if command -v readelf >/dev/null; then
		! readelf -l "$1" 2>/dev/null | grep -q 'Requesting program interpreter'
	else
		"$1" --list >/dev/null 2>&1
	fi
}

# mkbundle DIR [JQ_FILTER [JQ_ARGS...]]: DIR/rootfs (a copy of the cached
# busybox rootfs) and DIR/config.json (the base config, edited by the filter).
mkbundle() {
	local dir=$1
	shift
	_build_rootfs
	mkdir -p "$dir"
	cp -a "$ROOTFS_CACHE" "$dir/rootfs"
	rm -f "$dir/rootfs/$ROOTFS_STAMP"
	cp "$ARCA_TESTS/lib/base-config.json" "$dir/config.json"
	if [ $# -gt 0 ]; then cfg "$dir" "$@"; fi
}

# cfg DIR JQ_FILTER [JQ_ARGS...]: edit DIR/config.json in place.
cfg() {
	local dir=$1 filter=$2
	shift 2
	jq "$@" "$filter" "$dir/config.json" >"$dir/config.json.new"
	mv "$dir/config.json.new" "$dir/config.json"
}

# set_args DIR ARG...: process.args = the given words, unchanged.
set_args() {
	local dir=$1
	shift
	local json
	json=$(json_array "$@")
	cfg "$dir" '.process.args = $a' --argjson a "$json"
}

# json_array WORD...: the words as a JSON array of strings (any bytes but NUL).
json_array() {
	if [ $# -eq 0 ]; then echo '[]'; return 0; fi
	local a
	for a in "$@"; do jq -n --arg v "$a" '$v'; done | jq -cs .
}

# sh_args DIR SCRIPT: process.args = sh -c SCRIPT.
sh_args() {
	set_args "$1" sh -c "$2"
}

# create_ctr ID BUNDLE [OPTS...]: `arca create` with the container's stdio on
# files ($T/<id>.out / .err); sets RC and ERR (create's own stderr).
create_ctr() {
	local id=$1 bundle=$2
	shift 2
	local rc=0
	arca create "$@" --bundle "$bundle" "$id" </dev/null >"$T/$id.out" 2>"$T/$id.err" || rc=$?
	RC=$rc
	ERR=$(cat "$T/$id.err")
	OUT=""
	return 0
}

# the container output (stdout) collected for a container made by create_ctr
ctr_out() {
	cat "$T/$1.out"
}

# run_ctr ID BUNDLE [OPTS...]: foreground `arca run`; sets RC, OUT, ERR.
run_ctr() {
	local id=$1 bundle=$2
	shift 2
	capture arca run "$@" --bundle "$bundle" "$id"
}

# ns_of PID TYPE: the namespace link of a host process, e.g. net:[4026531993].
ns_of() {
	readlink "/proc/$1/ns/$2"
}
