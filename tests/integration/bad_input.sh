#!/bin/bash
# Hostile and malformed input: bundles and command lines that are broken on
# purpose. Each must be refused with a non-zero exit and one short line on
# stderr that names what is wrong, without a crash (no sanitizer report, no
# death by a signal), without a hang, and without leaving anything behind:
# no state dir, cgroup, process or mount. Where the right answer is to accept
# the input (unknown members, a relative mount destination, an ID starting
# with "-" after "--"), the case asserts that instead.
# Checklist: issue 5 (the bad-input suite), LIFE-11, OP-06, BND-03, BND-04,
# BND-06, BND-07.
source "$ARCA_TESTS/lib/common.bash"

B=$T/bundle
BASE=$ARCA_TESTS/lib/base-config.json
# A refusal is one line a person reads: anything longer quotes input whole.
MAX_ERR_BYTES=1024

# the start of $ERR, for failure messages (some cases make it huge)
err_head() {
	printf '%s' "${ERR:0:300}"
	[ ${#ERR} -le 300 ] || printf '... (%d bytes)' ${#ERR}
}

# check_refused LABEL NEEDLE...: the last capture failed cleanly, with one
# short stderr line that contains every NEEDLE.
check_refused() {
	local label=$1 n
	shift
	case $RC in
	0) fail "$label: succeeded but must fail; stdout: [${OUT:0:300}]" ;;
	124 | 137) fail "$label: did not finish within ${ARCA_CMD_TIMEOUT}s (a hang)" ;;
	esac
	[ "$RC" -lt 128 ] || fail "$label: killed by signal $((RC - 128)); stderr: [$(err_head)]"
	if grep -qE 'Sanitizer|runtime error:' "$T/.err"; then
		fail "$label: sanitizer report: [$(grep -m3 -E 'Sanitizer|runtime error:' "$T/.err")]"
	fi
	local lines
	lines=$(grep -c '' "$T/.err" || true)
	[ -n "$ERR" ] && [ "$lines" = 1 ] || fail "$label: expected one stderr line, got $lines: [$(err_head)]"
	[ ${#ERR} -le $MAX_ERR_BYTES ] ||
		fail "$label: the error is ${#ERR} bytes, more than $MAX_ERR_BYTES: [$(err_head)]"
	for n in "$@"; do
		[[ "$ERR" == *"$n"* ]] || fail "$label: the error must name [$n]: [$(err_head)]"
	done
	[ -z "${VERBOSE:-}" ] || _say "  $label: $ERR"
}

# refused LABEL NEEDLE... -- ARGS...: `arca ARGS` is refused (check_refused)
# and the state root stays empty.
refused() {
	local label=$1 needles=()
	shift
	while [ "$1" != -- ]; do
		needles+=("$1")
		shift
	done
	shift
	snapshot_state
	capture arca "$@"
	check_refused "$label" "${needles[@]}"
	check_state_unchanged "$label"
}

# snapshot_state / check_state_unchanged LABEL: the state root holds the same
# entries as at the snapshot (so a container that an earlier case could not
# remove does not fail every case after it)
snapshot_state() {
	STATE_BEFORE=$(ls -A "$T/state")
}
check_state_unchanged() {
	assert_eq "$(ls -A "$T/state")" "$STATE_BEFORE" "$1: the entries of the state root"
}

# after a refused create or run of ID from $B: nothing of it is left
check_gone() { # LABEL ID
	assert_gone "$2" "$B" "$1"
	check_state_unchanged "$1"
}

# create_refused LABEL NEEDLE...: `arca create` of $B is refused and leaves
# nothing behind.
create_refused() {
	local label=$1 id
	shift
	id=$(new_id)
	snapshot_state
	capture arca create --bundle "$B" "$id"
	check_refused "$label" "$@"
	check_gone "$label" "$id"
}

# run_refused LABEL NEEDLE...: the same for a foreground `arca run` (for what
# fails only when the program is executed).
run_refused() {
	local label=$1 id
	shift
	id=$(new_id)
	snapshot_state
	run_ctr "$id" "$B"
	check_refused "$label" "$@"
	check_gone "$label" "$id"
}

# write_config: $B/config.json = stdin. Whatever was there goes first: a
# case may have left a symlink (to /etc/shadow, a FIFO) that must not be
# written through.
write_config() {
	rm -rf "$B/config.json"
	cat >"$B/config.json"
}

# config FILTER [JQ_ARGS...]: $B/config.json = the base config edited by FILTER
config() {
	local filter=$1
	shift
	jq -c "$@" "$filter" "$BASE" | write_config
}

# config_text TEXT: $B/config.json holds exactly TEXT (printf's escapes apply)
config_text() {
	# shellcheck disable=SC2059
	printf "$1" | write_config
}

# fresh_bundle: this case's own bundle, for cases that replace config.json
# or the rootfs with something else
fresh_bundle() {
	B=$T/bundle-$CASE
	mkbundle "$B"
}

# refuses_config LABEL FILTER NEEDLE...: create is refused with this config
refuses_config() {
	local label=$1 filter=$2
	shift 2
	config "$filter"
	create_refused "$label" "$@"
}

# refuses_text LABEL TEXT NEEDLE...
refuses_text() {
	local label=$1 text=$2
	shift 2
	config_text "$text"
	create_refused "$label" "$@"
}

# accepted LABEL: `arca run` of $B succeeds; its stdout in ACCEPTED_OUT
accepted() {
	local label=$1 id
	id=$(new_id)
	snapshot_state
	run_ctr "$id" "$B"
	assert_ok "$label"
	ACCEPTED_OUT=$OUT
	if grep -qE 'Sanitizer|runtime error:' "$T/.err"; then
		fail "$label: sanitizer report: [$(err_head)]"
	fi
	capture arca delete -f "$id"
	check_gone "$label" "$id"
}

# a file of N bytes of "a" (for huge strings; jq --rawfile reads it)
big_file() { # PATH BYTES
	head -c "$2" /dev/zero | tr '\0' a >"$1"
}

mkbundle "$B"

# ---------------------------------------------------------------- documents

MINIMAL='"ociVersion": "1.0.2", "root": {"path": "rootfs"}'

case_json_syntax() {
	refuses_text "truncated" '{"ociVersion": "1.0.2", "process": {"cwd": "/", "args": ["s' \
		"config.json:1:" "premature EOF"
	refuses_text "trailing comma" "{$MINIMAL,}" "config.json:1:"
	refuses_text "trailing comma in an array" \
		"{$MINIMAL, \"linux\": {\"maskedPaths\": [\"/a\",]}}" "config.json:1:"
	refuses_text "single quotes" "{'ociVersion': '1.0.2'}" "config.json:1:"
	refuses_text "comments" "{$MINIMAL /* no */}" "config.json:1:"
	refuses_text "two documents" "{$MINIMAL} {$MINIMAL}" "config.json:1:"
}

case_json_bytes() {
	refuses_text "a NUL byte inside a string" '{"ociVersion": "1.0.2", "root": {"path": "ro\0otfs"}}' \
		"config.json:1:"
	refuses_text "an escaped NUL character" \
		'{"ociVersion": "1.0.2", "root": {"path": "ro\\u0000otfs"}}' "root.path" "NUL"
	refuses_text "invalid UTF-8" '{"ociVersion": "1.0.2", "root": {"path": "r\303\050\377"}}' \
		"config.json:1:" "UTF8"
	# RFC 8259 forbids writing a BOM; Go's encoding/json (runc) refuses it too
	refuses_text "a byte order mark" "\357\273\277{$MINIMAL}" "config.json:1:1:"
}

case_json_not_an_object() {
	refuses_text "an empty file" '' "config.json"
	refuses_text "null" 'null' "config.json" "expected an object"
	refuses_text "an array" "[{$MINIMAL}]" "config.json" "expected an object"
	refuses_text "a string" '"config"' "config.json" "expected an object"
}

case_wrong_types_objects() {
	refuses_config "root is an array" '.root = ["rootfs"]' "root" "expected an object"
	refuses_config "process is an array" '.process = [.process]' "process" "expected an object"
	refuses_config "linux is an array" '.linux = []' "linux" "expected an object"
	refuses_config "mounts is an object" '.mounts = {}' "mounts" "expected an array"
	refuses_config "mounts[1] is a string" '.mounts[1] = "/dev"' "mounts[1]"
	refuses_config "process.env[0] is an object" '.process.env = [{"PATH": "/bin"}]' "process.env[0]"
}

case_wrong_types_scalars() {
	refuses_config "ociVersion is a number" '.ociVersion = 1.0' "ociVersion" "expected a string"
	refuses_config "process.user.uid is a string" '.process.user.uid = "0"' "process.user.uid"
	refuses_config "process.args is a string" '.process.args = "sh"' "process.args"
	refuses_config "process.terminal is a string" '.process.terminal = "false"' "process.terminal"
	refuses_config "linux.namespaces[0].type is a number" '.linux.namespaces[0].type = 1' \
		"linux.namespaces[0].type"
	refuses_config "an annotation value is a number" '.annotations = {"k": 1}' "annotations.k"
	refuses_config "hostname is a boolean" '.hostname = true' "hostname"
	refuses_config "an unknown namespace type" '.linux.namespaces[0].type = "pidx"' \
		"linux.namespaces[0].type" '"pidx"'
}

case_missing_required_top() {
	refuses_config "no ociVersion" 'del(.ociVersion)' "ociVersion" "required"
	refuses_config "no root" 'del(.root)' "root" "required"
	refuses_config "no root.path" 'del(.root.path)' "root.path" "required"
	refuses_config "root.path is null" '.root.path = null' "root.path" "required"
}

case_missing_required_process() {
	refuses_config "no process.cwd" 'del(.process.cwd)' "process.cwd" "required"
	refuses_config "no process.user.uid" 'del(.process.user.uid)' "process.user.uid" "required"
	refuses_config "no process.user.gid" 'del(.process.user.gid)' "process.user.gid" "required"
	refuses_config "no process.args" 'del(.process.args)' "process.args" "required"
	refuses_config "no process.rlimits[].type" '.process.rlimits = [{"soft": 1, "hard": 1}]' \
		"process.rlimits[0].type" "required"
	refuses_config "no process.rlimits[].hard" \
		'.process.rlimits = [{"type": "RLIMIT_NOFILE", "soft": 1}]' "process.rlimits[0].hard" "required"
}

case_missing_required_linux() {
	refuses_config "no mounts[].destination" '.mounts[2] |= del(.destination)' \
		"mounts[2].destination" "required"
	refuses_config "no linux.namespaces[].type" '.linux.namespaces[1] = {}' \
		"linux.namespaces[1].type" "required"
	refuses_config "no linux.devices[].path" '.linux.devices = [{"type": "c", "major": 1, "minor": 3}]' \
		"linux.devices[0].path" "required"
	refuses_config "no linux.devices[].type" '.linux.devices = [{"path": "/dev/x"}]' \
		"linux.devices[0].type" "required"
	refuses_config "no linux.uidMappings[].size" \
		'.linux.namespaces += [{"type": "user"}] | .linux.uidMappings = [{"containerID": 0, "hostID": 1000}]' \
		"linux.uidMappings[0].size" "required"
}

case_relative_paths() {
	refuses_config "relative process.cwd" '.process.cwd = "tmp"' "process.cwd" "absolute"
	refuses_config "relative namespace path" \
		'.linux.namespaces[4] = {"type": "network", "path": "proc/1/ns/net"}' \
		"linux.namespaces[4].path" "absolute"
	refuses_config "relative maskedPaths entry" '.linux.maskedPaths = ["/proc/kcore", "proc/keys"]' \
		"linux.maskedPaths[1]" "absolute"
	refuses_config "relative readonlyPaths entry" '.linux.readonlyPaths = ["proc/sys"]' \
		"linux.readonlyPaths[0]" "absolute"
	refuses_config "relative hook path" '.hooks = {"prestart": [{"path": "bin/true"}]}' "hooks.prestart"
}

# the spec lets a runtime take a relative destination from "/", and runc does
case_relative_mount_destination_accepted() {
	config '.mounts += [{"destination": "mnt", "type": "tmpfs", "source": "tmpfs"}] |
		.process.args = ["sh", "-c", "grep -c \" /mnt tmpfs \" /proc/mounts"]'
	accepted "a relative mount destination is taken from /"
	assert_eq "$ACCEPTED_OUT" "1" "a relative mount destination: tmpfs on /mnt"
}

# ---------------------------------------------------------------- sizes

case_huge_config() {
	{
		printf '{"ociVersion": "1.0.2", "root": {"path": "rootfs"}, "x": "'
		head -c $((20 << 20)) /dev/zero | tr '\0' a
		printf '"}'
	} | write_config
	create_refused "a config.json of 20 MiB" "config.json" "larger than"
}

case_million_args() {
	jq -n -c '["true"] + [range(1000000) | "a"]' >"$T/args.json"
	config '.process.args = $a[0]' --slurpfile a "$T/args.json"
	run_refused "process.args with 1e6 entries" "Argument list too long"
}

case_huge_annotation_accepted() {
	big_file "$T/big" $((1 << 20))
	config '.annotations = {"org.example.big": $s}' --rawfile s "$T/big"
	accepted "an annotation of 1 MiB is kept like any other"
}

case_huge_strings_refused() {
	big_file "$T/big" $((1 << 20))
	config '.process.env += ["BIG=" + $s]' --rawfile s "$T/big"
	run_refused "an environment entry of 1 MiB (beyond the kernel's MAX_ARG_STRLEN)" \
		"Argument list too long"
	config '.hostname = $s' --rawfile s "$T/big"
	create_refused "a hostname of 1 MiB" "hostname"
	config '.process.cwd = "/" + $s' --rawfile s "$T/big"
	create_refused "a process.cwd of 1 MiB" "process.cwd"
	config '.linux.namespaces[4] = {"type": "network", "path": ("/" + $s)}' --rawfile s "$T/big"
	create_refused "a namespace path of 1 MiB" "linux.namespaces[4]"
}

# nesting OPEN CLOSE N: N levels around a 0
nesting() {
	local open=$1 close=$2 n=$3
	printf "%${n}s" '' | sed "s/ /$open/g"
	printf '0'
	printf "%${n}s" '' | sed "s/ /$close/g"
}

case_deep_nesting() {
	local head="{$MINIMAL, \"x\": "
	{ printf '%s' "$head"; nesting '[' ']' 10000; printf '}'; } | write_config
	create_refused "10000 nested arrays in an unknown member" "config.json:1:" "nesting deeper"
	{ printf '%s' "$head"; nesting '{"a":' '}' 10000; printf '}'; } | write_config
	create_refused "10000 nested objects in an unknown member" "config.json:1:" "nesting deeper"
	nesting '[' ']' 10000 | write_config
	create_refused "10000 nested arrays as the document" "config.json"
}

case_nesting_within_limits_accepted() {
	config '.x = $n' --argjson n "$(nesting '[' ']' 50)"
	accepted "50 nested arrays in an unknown member are skipped"
}

case_huge_numbers() {
	refuses_config "uid 2^32" '.process.user.uid = 4294967296' "process.user.uid" "4294967296"
	refuses_config "gid -1" '.process.user.gid = -1' "process.user.gid"
	# jq writes 1e3 as 1000: put the exponent in by text
	jq -c '.process.user.uid = 999' "$BASE" | sed 's/999/1e3/' | write_config
	create_refused "uid 1e3 (not an integer)" "process.user.uid" "expected an integer"
	refuses_config "devices[].fileMode -1" \
		'.linux.devices = [{"type": "c", "path": "/dev/x", "major": 1, "minor": 3, "fileMode": -1}]' \
		"linux.devices[0].fileMode"
	# jq cannot write 2^64: put it in by text
	jq -c '.process.rlimits = [{"type": "RLIMIT_NOFILE", "soft": 1024, "hard": 999}]' "$BASE" |
		sed 's/999/18446744073709551616/' | write_config
	create_refused "rlimit hard 2^64" "process.rlimits[0].hard"
	refuses_config "oomScoreAdj 2^31" '.process.oomScoreAdj = 2147483648' "process.oomScoreAdj"
	refuses_config "uidMappings size 0" \
		'.linux.namespaces += [{"type": "user"}] | .linux.uidMappings = [{"containerID": 0, "hostID": 0, "size": 0}] |
		 .linux.gidMappings = .linux.uidMappings' "linux.uidMappings[0].size"
}

# (uid_t)-1 means "leave unchanged" to setresuid(): it must not leave the
# process root
case_uid_minus_one() {
	local id
	config '.process.user = {"uid": 4294967295, "gid": 4294967295} | .process.args = ["id", "-u"]'
	id=$(new_id)
	snapshot_state
	run_ctr "$id" "$B"
	if [ "$RC" = 0 ]; then
		assert_ne "$OUT" "0" "uid 4294967295 ((uid_t)-1): the process ran as root"
	else
		check_refused "uid 4294967295 ((uid_t)-1)" "process.user.uid"
	fi
	arca delete -f "$id" >/dev/null 2>&1 || true
	check_gone "uid 4294967295" "$id"
}

case_duplicate_keys() {
	jq -c . "$BASE" | sed 's/"root":{"path":"rootfs"}/"root":{"path":"rootfs","path":"\/"}/' |
		write_config
	create_refused "root.path twice" "root" "duplicate member" '"path"'
	jq -c . "$BASE" | sed 's/"uid":0/"uid":0,"uid":1000/' | write_config
	create_refused "process.user.uid twice" "process.user" "duplicate member" '"uid"'
	jq -c '.annotations = {"k": "v"}' "$BASE" | sed 's/"k":"v"/"k":"v","k":"w"/' | write_config
	create_refused "an annotation key twice" "annotations" "duplicate member" '"k"'
	jq -c '.x = {"a": 1}' "$BASE" | sed 's/"a":1/"a":1,"a":2/' | write_config
	create_refused "a key twice in an unknown member" "x" "duplicate member"
}

# a member name holding a newline or an escape sequence is quoted like any
# value: the message stays one line and cannot drive the terminal
case_control_characters_in_names() {
	config '.annotations = {"a\nb": 0}'
	create_refused "a newline in an annotation key" "annotations"
	jq -c '.["x\u001b[2J"] = {"a": 1}' "$BASE" | sed 's/"a":1/"a":1,"a":2/' | write_config
	create_refused "an escape sequence in an unknown member name" "duplicate member"
	[[ "$ERR" != *$'\e'* ]] || fail "an escape sequence in a member name reached stderr"
}

# ---------------------------------------------------------------- command lines

case_bad_ids() {
	config '.'
	refused "empty ID" 'invalid container ID ""' -- create --bundle "$B" ""
	refused "ID ." 'invalid container ID "."' -- create --bundle "$B" .
	refused "ID .." 'invalid container ID ".."' -- create --bundle "$B" ..
	refused "ID a/b" 'invalid container ID "a/b"' -- create --bundle "$B" a/b
	refused "ID of 300 bytes" "invalid container ID" "longer than" -- \
		create --bundle "$B" "$(printf 'x%.0s' {1..300})"
	refused "ID é (not ASCII)" 'invalid container ID "é"' -- create --bundle "$B" é
	refused "ID -x is an unknown option" '"-x"' -- create --bundle "$B" -x
}

# after --, "-x" is an ID like any other (runc's rule allows it)
case_dash_id_accepted() {
	config '.'
	snapshot_state
	capture arca create --bundle "$B" -- -x
	assert_ok "create of ID -x after --"
	assert_eq "$(arca state -- -x | jq -r .id)" "-x" "state of -x"
	capture arca delete -- -x
	assert_ok "delete -- -x"
	check_state_unchanged "delete -- -x"
}

case_bad_signals() {
	local id sig
	config '.process.args = ["sleep", "100"]'
	id=$(new_id)
	create_ctr "$id" "$B"
	assert_ok "create"
	for sig in SIGFOO 0 65 -9 ""; do
		capture arca kill "$id" "$sig"
		check_refused "kill with signal \"$sig\"" "signal" "\"$sig\""
	done
	assert_eq "$(state_field "$id" .status)" created "the container after the refused kills"
}

case_start_twice() {
	local id
	config '.process.args = ["sleep", "100"]'
	id=$(new_id)
	create_ctr "$id" "$B"
	assert_ok "create"
	capture arca create --bundle "$B" "$id"
	check_refused "create of an existing ID" "\"$id\"" "exists"
	assert_eq "$(state_field "$id" .status)" created "the existing container after a second create"
	capture arca start "$id"
	assert_ok "first start"
	capture arca start "$id"
	check_refused "start twice" "\"$id\"" "running"
	assert_eq "$(state_field "$id" .status)" running "the container after a second start"
}

case_kill_stopped() {
	local id
	config '.process.args = ["true"]'
	id=$(new_id)
	create_ctr "$id" "$B"
	assert_ok "create"
	capture arca start "$id"
	assert_ok "start"
	wait_status "$id" stopped 10
	capture arca kill "$id" TERM
	check_refused "kill of a stopped container" "\"$id\"" "not running"
	capture arca kill --all "$id" TERM
	assert_ok "kill --all of a stopped container is no error"
	capture arca delete "$id"
	assert_ok "delete of the stopped container"
	assert_gone "$id" "$B" "kill of a stopped container"
}

case_unknown_ids() {
	refused "start of an unknown ID" '"no-such-ctr"' -- start no-such-ctr
	refused "delete of an unknown ID" '"no-such-ctr"' "does not exist" -- delete no-such-ctr
	refused "kill of an unknown ID" '"no-such-ctr"' -- kill no-such-ctr
	refused "state of an unknown ID" '"no-such-ctr"' -- state no-such-ctr
	capture arca delete -f no-such-ctr
	assert_ok "delete -f of an unknown ID is no error"
}

case_bad_command_lines() {
	config '.'
	refused "unknown command" '"frobnicate"' -- frobnicate
	refused "state with no ID" "state" "ID" -- state
	refused "kill with no ID" "kill" "ID" -- kill
	refused "unknown global option" '"--frob"' -- --frob list
	refused "unknown create option" '"--frob"' -- create --frob --bundle "$B" x
	refused "create --bundle without a value" "--bundle" -- create --bundle
	refused "--root without a value" "--root" -- --root
	refused "create with two IDs" '"b2"' -- create --bundle "$B" b1 b2
	refused "--log-format yaml" "--log-format" '"yaml"' -- --log-format yaml list
	refused "--preserve-fds -1" "--preserve-fds" '"-1"' -- create --preserve-fds -1 --bundle "$B" x
	refused "--preserve-fds abc" "--preserve-fds" '"abc"' -- create --preserve-fds abc --bundle "$B" x
}

# ---------------------------------------------------------------- bundles

case_bundle_not_a_bundle() {
	fresh_bundle
	config '.'
	refused "the bundle is a file" "$B/config.json" -- create --bundle "$B/config.json" x1
	refused "the bundle does not exist" "$T/no-such-bundle" -- create --bundle "$T/no-such-bundle" x2
	mkdir -p "$T/empty-bundle"
	refused "no config.json" "$T/empty-bundle/config.json" -- create --bundle "$T/empty-bundle" x3
	rm -f "$B/config.json"
	mkdir "$B/config.json"
	create_refused "config.json is a directory" "config.json"
}

case_config_symlinks() {
	fresh_bundle
	rm -f "$B/config.json"
	ln -s /etc/shadow "$B/config.json"
	create_refused "config.json is a symlink to /etc/shadow" "config.json"
	# whatever the file holds, the message must not quote it
	assert_not_contains "$ERR" "root:" "config.json -> /etc/shadow: the error quotes the file"
	ln -sfn /dev/zero "$B/config.json"
	create_refused "config.json is a symlink to /dev/zero" "config.json"
}

case_config_fifo() {
	fresh_bundle
	local ARCA_CMD_TIMEOUT=10
	rm -f "$B/config.json"
	mkfifo "$T/fifo"
	ln -s "$T/fifo" "$B/config.json"
	create_refused "config.json is a symlink to a FIFO" "config.json"
}

# in_own_mount_ns ARGS...: `arca ARGS` inside a private mount namespace of
# its own, so that a mount made on the wrong side cannot reach the host; sets
# RC, OUT, ERR and MOUNTS_CHANGED (the table of that namespace differs
# afterwards, or cannot be read any more).
in_own_mount_ns() {
	local script='
		table() { awk "{ print \$5, \$9 }" /proc/self/mountinfo 2>/dev/null || echo unreadable; }
		before=$(table)
		timeout -k 5 20 "$@" </dev/null >"$T/.out" 2>"$T/.err"
		rc=$?
		[ "$(table)" = "$before" ] || echo changed >"$T/.mounts"
		exit $rc'
	rm -f "$T/.mounts"
	RC=0
	T=$T unshare -m --propagation private bash -c "$script" bash "$ARCA" --root "$T/state" "$@" ||
		RC=$?
	OUT=$(cat "$T/.out")
	ERR=$(cat "$T/.err")
	MOUNTS_CHANGED=$([ -e "$T/.mounts" ] && echo yes || echo no)
}

# root.path -> /: refused like runc ("is a symlink"), before the host's root
# could become the container's
rootfs_to_host_root() { # LABEL FILTER
	local label=$1 id
	command -v unshare >/dev/null || skip_case "unshare (util-linux) is needed to contain this test"
	fresh_bundle
	rm -r "$B/rootfs"
	ln -s / "$B/rootfs"
	config "$2"
	id=$(new_id)
	snapshot_state
	in_own_mount_ns create --bundle "$B" "$id"
	assert_eq "$MOUNTS_CHANGED" no "$label: the caller's mount table changed"
	check_refused "$label" "root.path"
	check_gone "$label" "$id"
}

case_rootfs_symlink_to_host_root() {
	rootfs_to_host_root "rootfs is a symlink to /" '.process.args = ["true"]'
}

# without a mount namespace the container's mounts are made in the caller's:
# here on top of its /proc, /dev and /sys
case_rootfs_symlink_to_host_root_no_mount_ns() {
	rootfs_to_host_root "rootfs is a symlink to / and there is no mount namespace" \
		'.process.args = ["true"] | .linux.namespaces |= map(select(.type != "mount"))'
}

case_rootfs_not_a_directory() {
	fresh_bundle
	refuses_config "root.path is empty" '.root.path = ""' "root.path"
	config '.'
	rm -r "$B/rootfs"
	echo "a file" >"$B/rootfs"
	create_refused "rootfs is a file" "root.path"
	rm "$B/rootfs"
	create_refused "rootfs does not exist" "root.path"
	ln -s /dev/null "$B/rootfs"
	create_refused "rootfs is a symlink to /dev/null" "root.path"
}

# create_refused_with LABEL NEEDLE -- OPTS...: create with OPTS is refused
create_refused_with() {
	local label=$1 needle=$2 id
	shift 3
	id=$(new_id)
	snapshot_state
	capture arca create "$@" --bundle "$B" "$id"
	check_refused "$label" "$needle"
	check_gone "$label" "$id"
}

case_bad_pid_file_and_log() {
	config '.'
	create_refused_with "--pid-file in a missing directory" "$T/no-such-dir/pid" -- \
		--pid-file "$T/no-such-dir/pid"
	local id
	id=$(new_id)
	snapshot_state
	capture arca --log "$T/no-such-dir/log" create --bundle "$B" "$id"
	check_refused "--log in a missing directory" "$T/no-such-dir/log"
	check_gone "--log in a missing directory" "$id"
}

case_bad_console_socket() {
	: >"$T/not-a-socket"
	config '.process.terminal = true'
	create_refused_with "--console-socket is a regular file" "--console-socket" -- \
		--console-socket "$T/not-a-socket"
	create_refused_with "--console-socket does not exist" "--console-socket" -- \
		--console-socket "$T/no-such-socket"
	create_refused_with "--console-socket is a directory" "--console-socket" -- \
		--console-socket "$T"
}

case_preserve_fds_closed() {
	local id
	config '.'
	id=$(new_id)
	snapshot_state
	# fds 3 to 7 closed in the caller
	capture eval 'arca create --preserve-fds 5 --bundle "$B" "$id" 3>&- 4>&- 5>&- 6>&- 7>&-'
	check_refused "--preserve-fds 5 with fds 3 to 7 closed" "--preserve-fds" "fd 3"
	check_gone "--preserve-fds with closed fds" "$id"
}

# BND-06: what the runtime does not know is ignored, at every level, even
# deep and even when it looks like another platform's configuration.
case_unknown_members_accepted() {
	config '.arcaUnknown = {"deep": [[[{"x": null}]]]} | .process.arcaUnknown = 1 |
		.process.user.username = "ignored" | .process.commandLine = "ignored" |
		.root.arcaUnknown = "x" | .mounts[0].arcaUnknown = [] | .linux.arcaUnknown = {} |
		.windows = {"layerFolders": ["C:\\x"]} | .vm = {"hypervisor": {"path": "/x"}} |
		.solaris = {"milestone": "x"} | .zos = {} | .freebsd = {}'
	accepted "unknown members everywhere"
}

run_case case_json_syntax
run_case case_json_bytes
run_case case_json_not_an_object
run_case case_wrong_types_objects
run_case case_wrong_types_scalars
run_case case_missing_required_top
run_case case_missing_required_process
run_case case_missing_required_linux
run_case case_relative_paths
run_case case_relative_mount_destination_accepted
run_case case_huge_config
run_case case_million_args
run_case case_huge_annotation_accepted
run_case case_huge_strings_refused
run_case case_deep_nesting
run_case case_nesting_within_limits_accepted
run_case case_huge_numbers
run_case case_uid_minus_one
run_case case_duplicate_keys
run_case case_control_characters_in_names
run_case case_bad_ids
run_case case_dash_id_accepted
run_case case_bad_signals
run_case case_start_twice
run_case case_kill_stopped
run_case case_unknown_ids
run_case case_bad_command_lines
run_case case_bundle_not_a_bundle
run_case case_config_symlinks
run_case case_config_fifo
run_case case_rootfs_symlink_to_host_root
run_case case_rootfs_symlink_to_host_root_no_mount_ns
run_case case_rootfs_not_a_directory
run_case case_bad_pid_file_and_log
run_case case_bad_console_socket
run_case case_preserve_fds_closed
run_case case_unknown_members_accepted
finish
