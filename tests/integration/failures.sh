#!/bin/bash
# A create that fails, at any step, says what is wrong in one line and leaves
# nothing behind: no state dir, cgroup, process or host mount.
# Checklist: LIFE-11, OP-09, BND-03, BND-04, BND-06, BND-07, BND-08, ROOT-01,
# ROOT-03, MNT-05, PROC-03, PROC-05, PROC-09, NS-04, OP-06, issue 3 (loader
# errors).
source "$ARCA_TESTS/lib/common.bash"

B=$T/b-fail

# expect_create_failure LABEL NEEDLE...: create from $B must fail with one
# stderr line containing every NEEDLE, and leave nothing.
expect_create_failure() {
	local label=$1 id n
	shift
	id=$(new_id)
	create_ctr "$id" "$B"
	assert_failed "$label: create"
	assert_one_line "$ERR" "$label: stderr"
	for n in "$@"; do assert_contains "$ERR" "$n" "$label: the error must name it"; done
	[ -z "${VERBOSE:-}" ] || _say "  $label: $ERR"
	assert_gone "$id" "$B" "LIFE-11: $label"
	capture arca list -q
	assert_eq "$OUT" "" "LIFE-11: $label: list after the failed create"
	assert_eq "$(ls -A "$T/state")" "" "LIFE-11: $label: state root after the failed create"
}

# each case: a fresh bundle edited by one jq filter
fails_with() { # LABEL FILTER NEEDLE...
	local label=$1 filter=$2
	shift 2
	rm -rf "$B"
	mkbundle "$B" "$filter"
	expect_create_failure "$label" "$@"
}

case_json_syntax() {
	rm -rf "$B"
	mkbundle "$B"
	printf '{\n  "ociVersion": "1.0.2",\n  "root": {"path": "rootfs",, }\n}\n' >"$B/config.json"
	expect_create_failure "issue 3: JSON syntax error" "config.json:3:"
	printf '{"ociVersion": "1.0.2", "process": {' >"$B/config.json"
	expect_create_failure "issue 3: truncated JSON" "config.json"
	: >"$B/config.json"
	expect_create_failure "issue 3: empty config.json" "config.json"
	rm "$B/config.json"
	expect_create_failure "BND-01: no config.json" "config.json"
}

case_wrong_type() {
	fails_with "BND-07: process.cwd is a number" '.process.cwd = 5' "process.cwd"
	fails_with "BND-07: linux.namespaces is a string" '.linux.namespaces = "pid"' "linux.namespaces"
	fails_with "BND-07: process.user.uid is negative" '.process.user.uid = -1' "process.user.uid"
	fails_with "BND-07: root.readonly is a string" '.root.readonly = "yes"' "root.readonly"
	fails_with "BND-07: process.args[1] is a number" '.process.args = ["echo", 5]' "process.args"
}

case_missing_required() {
	fails_with "BND-04: no ociVersion" 'del(.ociVersion)' "ociVersion"
	fails_with "BND-04: ociVersion is not SemVer" '.ociVersion = "one.two"' "ociVersion"
	fails_with "ROOT-01: no root" 'del(.root)' "root"
	fails_with "PROC-03: no process.cwd" 'del(.process.cwd)' "process.cwd"
	fails_with "PROC-03: relative process.cwd" '.process.cwd = "tmp"' "process.cwd"
	fails_with "PROC-05: empty process.args" '.process.args = []' "process.args"
	fails_with "PROC-06: no process.user" 'del(.process.user)' "process.user"
}

case_bad_values() {
	rm -rf "$B"
	mkbundle "$B"
	printf '{"ociVersion": "1.0.2", "ociVersion": "1.0.2", "root": {"path": "rootfs"}}\n' >"$B/config.json"
	expect_create_failure "BND-03: duplicate member name" "ociVersion"
	fails_with "BND-08: empty annotation key" '.annotations = {"": "v"}' "annotations"
	fails_with "PROC-09: hostname without a uts namespace" \
		'.linux.namespaces |= map(select(.type != "uts"))' "hostname"
}

case_unsupported() {
	fails_with "process.scheduler (not implemented yet)" \
		'.process.scheduler = {"policy": "SCHED_BATCH"}' "process.scheduler" "not supported yet"
	fails_with "issue 3: linux.personality (not implemented yet)" \
		'.linux.personality = {"domain": "LINUX"}' "linux.personality" "not supported yet"
	fails_with "issue 3: linux.intelRdt (not implemented yet)" \
		'.linux.intelRdt = {"closID": "x"}' "linux.intelRdt" "not supported yet"
}

case_bad_mounts() {
	fails_with "MNT-05: unknown filesystem type" \
		'.mounts += [{"destination": "/mnt/bad", "type": "nosuchfs", "source": "x"}]' "nosuchfs"
	fails_with "MNT-04: bind source missing" \
		'.mounts += [{"destination": "/mnt/bind", "type": "none", "source": "/nonexistent/arca-src", "options": ["bind"]}]' \
		"/nonexistent/arca-src"
	fails_with "MNT-02: mount destination under a file" \
		'.mounts += [{"destination": "/bin/busybox/sub", "type": "tmpfs", "source": "tmpfs"}]' "/bin/busybox/sub"
	# refused by the kernel inside the init, after cgroups and namespaces exist
	fails_with "MNT-10: tmpfs refuses its data option" \
		'.mounts += [{"destination": "/mnt/badopt", "type": "tmpfs", "source": "tmpfs", "options": ["size=notanumber"]}]' \
		"/mnt/badopt"
}

case_bad_namespace_path() {
	fails_with "NS-04: namespace path does not exist" \
		'.linux.namespaces = [{"type": "mount"}, {"type": "network", "path": "/nonexistent/ns/net"}] | del(.hostname)' \
		"/nonexistent/ns/net"
}

case_bad_rootfs() {
	fails_with "ROOT-03: root.path does not exist" '.root.path = "no-such-rootfs"' "no-such-rootfs"
	rm -rf "$B"
	mkbundle "$B"
	rm -rf "$B/rootfs"
	echo "a file" >"$B/rootfs"
	expect_create_failure "ROOT-03: root.path is a file" "rootfs"
}

case_unknown_executable() {
	fails_with "PROC-05: unknown executable" '.process.args = ["no-such-program-xyz"]' \
		"no-such-program-xyz" "executable file not found"
}

# OP-06: invalid IDs are refused and create nothing, anywhere.
case_bad_ids() {
	local bad
	rm -rf "$B"
	mkbundle "$B"
	for bad in "" "." ".." "../escape" "a/b" "/abs" "with space" "new
line"; do
		capture arca create --bundle "$B" "$bad"
		assert_failed "OP-06: create with invalid ID \"$bad\""
		[ -n "$ERR" ] || fail "OP-06: invalid ID \"$bad\": no error message"
		assert_eq "$(ls -A "$T/state")" "" "OP-06: state root after invalid ID \"$bad\""
	done
	assert_file_absent "$T/escape" "OP-06: \"../escape\" created something outside the state root"
}

# BND-06: unknown properties anywhere are ignored (the control case: these
# must NOT fail).
case_unknown_properties_ignored() {
	local id
	rm -rf "$B"
	mkbundle "$B" '.arcaUnknown = 1 | .process.arcaUnknown = {"x": [1]} | .linux.arcaUnknown = "y" |
		.mounts[0].arcaUnknown = true | .root.arcaUnknown = null'
	id=$(new_id)
	run_ctr "$id" "$B"
	assert_ok "BND-06: unknown properties must be ignored"
}

run_case case_json_syntax
run_case case_wrong_type
run_case case_missing_required
run_case case_bad_values
run_case case_unsupported
run_case case_bad_mounts
run_case case_bad_namespace_path
run_case case_bad_rootfs
run_case case_unknown_executable
run_case case_bad_ids
run_case case_unknown_properties_ignored
finish
