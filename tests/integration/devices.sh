#!/bin/bash
# linux.devices: c, b, u and p nodes with their numbers, mode and owner, at
# any path; binds of the host's nodes in a user namespace; entries that
# cannot be made fail create naming the entry and leave nothing.
# Checklist: DEV-01..DEV-07.
source "$ARCA_TESTS/lib/common.bash"

# one line per path: "<path> <type> <major hex> <minor hex> <mode> <uid> <gid>"
STAT_FMT='%n %F %t %T %a %u %g'

USERNS_MAPS='[{"containerID":0,"hostID":100000,"size":65536}]'
USERNS_FILTER='.linux.namespaces += [{"type":"user"}] | .linux.uidMappings = $m | .linux.gidMappings = $m'

# expect_create_failure BUNDLE LABEL NEEDLE...: create fails with one stderr
# line containing every NEEDLE, and leaves nothing.
expect_create_failure() {
	local b=$1 label=$2 id n
	shift 2
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_failed "$label: create"
	assert_one_line "$ERR" "$label: stderr"
	for n in "$@"; do assert_contains "$ERR" "$n" "$label: the error must name it"; done
	assert_gone "$id" "$b" "$label"
}

# DEV-01, DEV-02, DEV-05, DEV-06: every type, with fileMode 0660 (432) and
# owners, exact whatever the runtime's umask; a device outside /dev, its
# parents made, with the defaults (0666, 0:0); the nodes work.
case_device_types() {
	local id b=$T/b-types devs old
	id=$(new_id)
	devs='[
		{"type": "c", "path": "/dev/mynull", "major": 1, "minor": 3, "fileMode": 432, "uid": 1000, "gid": 1001},
		{"type": "b", "path": "/dev/myloop", "major": 7, "minor": 200, "fileMode": 432, "gid": 6},
		{"type": "u", "path": "/dev/myzero", "major": 1, "minor": 5, "fileMode": 432, "uid": 5},
		{"type": "p", "path": "/dev/myfifo", "fileMode": 432, "uid": 1000, "gid": 1000},
		{"type": "c", "path": "/opt/devices/zero", "major": 1, "minor": 5}]'
	mkbundle "$b" '.linux.devices = $d' --argjson d "$devs"
	sh_args "$b" "stat -c '$STAT_FMT' /dev/mynull /dev/myloop /dev/myzero /dev/myfifo /opt/devices/zero
		echo x > /dev/mynull && echo null-ok
		[ \"\$(head -c 4 /opt/devices/zero | od -An -tx1 | tr -d ' ')\" = 00000000 ] && echo zero-ok"
	old=$(umask)
	umask 077
	run_ctr "$id" "$b"
	umask "$old"
	assert_ok "run with linux.devices"
	assert_contains "$OUT" "/dev/mynull character special file 1 3 660 1000 1001" "DEV-01/05/06: c entry"
	assert_contains "$OUT" "/dev/myloop block special file 7 c8 660 0 6" "DEV-01/05/06: b entry"
	assert_contains "$OUT" "/dev/myzero character special file 1 5 660 5 0" "DEV-02: u is a char node"
	assert_contains "$OUT" "/dev/myfifo fifo 0 0 660 1000 1000" "DEV-02: p entry"
	assert_contains "$OUT" "/opt/devices/zero character special file 1 5 666 0 0" \
		"DEV-03: a device outside /dev, default mode and owner"
	assert_contains "$OUT" null-ok "DEV-01: the c node works"
	assert_contains "$OUT" zero-ok "DEV-01: the node outside /dev works"
	assert_gone "$id" "$b" "after run"
}

# DEV-01 in a user namespace: mknod is not allowed there, so the host's node
# is bound at the same path (its own mode and owner); the bind works; a
# FIFO is still made, with its mode and owner; a host node that is not the
# device asked for fails create.
case_userns_bind() {
	local id b=$T/b-userns devs hostdev=$T/hostdev
	id=$(new_id)
	mkdir -p "$hostdev"
	mknod "$hostdev/zero" c 1 5
	chmod 0666 "$hostdev/zero"
	devs=$(jq -nc --arg z "$hostdev/zero" '[
		{type: "c", path: $z, major: 1, minor: 5},
		{type: "p", path: "/dev/ufifo", fileMode: 432, uid: 1000, gid: 1000}]')
	if [ -c /dev/fuse ] && [ "$(stat -c '%t:%T' /dev/fuse)" = a:e5 ]; then
		devs=$(jq -c '. + [{type: "c", path: "/dev/fuse", major: 10, minor: 229}]' <<<"$devs")
	fi
	mkbundle "$b" "$USERNS_FILTER | .linux.devices = \$d" --argjson m "$USERNS_MAPS" --argjson d "$devs"
	sh_args "$b" "stat -c '$STAT_FMT' $hostdev/zero /dev/ufifo; [ -e /dev/fuse ] && stat -c '$STAT_FMT' /dev/fuse
		[ \"\$(head -c 4 $hostdev/zero | od -An -tx1 | tr -d ' ')\" = 00000000 ] && echo zero-ok
		grep -c ' $hostdev/zero ' /proc/self/mountinfo; true"
	run_ctr "$id" "$b"
	assert_ok "run with linux.devices in a user namespace"
	assert_contains "$OUT" "$hostdev/zero character special file 1 5 666 65534 65534" \
		"DEV-01: the host's node, its owner unmapped"
	assert_contains "$OUT" zero-ok "DEV-01: the bound node works"
	assert_eq "$(sed -n '$p' <<<"$OUT")" 1 "DEV-01: the node is a bind mount"
	assert_contains "$OUT" "/dev/ufifo fifo 0 0 660 1000 1000" "DEV-05/06: a FIFO in a user namespace"
	if jq -e '.linux.devices[] | select(.path == "/dev/fuse")' "$b/config.json" >/dev/null; then
		assert_contains "$OUT" "/dev/fuse character special file a e5 $(stat -c %a /dev/fuse)" \
			"DEV-01: /dev/fuse bound from the host, with the host's mode"
	fi
	assert_gone "$id" "$b" "after run"

	cfg "$b" '.linux.devices = [{type: "c", path: $z, major: 1, minor: 3}]' --arg z "$hostdev/zero"
	expect_create_failure "$b" "DEV-03: the host's node is another device" \
		"linux.devices[0]: the host's $hostdev/zero is not c 1:3"
}

# DEV-03: a file that is not the device fails create, naming the entry; the
# same device already there is fine (the default /dev/null).
case_existing_path() {
	local b=$T/b-exist id
	mkbundle "$b" '.linux.devices = [{type: "c", path: "/dev/null", major: 1, minor: 3},
		{type: "c", path: "/etc/passwd", major: 1, minor: 3}]'
	expect_create_failure "$b" "DEV-03: a regular file at the path" \
		"linux.devices[1]: /etc/passwd exists and is not c 1:3"
	assert_eq "$(head -c 5 "$b/rootfs/etc/passwd")" "root:" "DEV-03: the file is left as it was"

	cfg "$b" '.linux.devices = [{type: "p", path: "/bin/sh"}]'
	expect_create_failure "$b" "DEV-03: a symlink at the path" \
		"linux.devices[0]: /bin/sh exists and is not a FIFO"

	id=$(new_id)
	cfg "$b" '.linux.devices = [{type: "c", path: "/dev/null", major: 1, minor: 3}]'
	sh_args "$b" 'stat -c "%F %t %T %a" /dev/null'
	run_ctr "$id" "$b"
	assert_ok "DEV-03: the same device at the path"
	assert_eq "$OUT" "character special file 1 3 666" "DEV-03: /dev/null as it was"
}

# DEV-04: major and minor are required but for p; DEV-02: the type is one
# of c, b, u, p; DEV-07: one path, one entry; the path is absolute.
case_invalid_entries() {
	local b=$T/b-invalid
	mkbundle "$b" '.linux.devices = [{type: "c", path: "/dev/x", minor: 1}]'
	expect_create_failure "$b" "DEV-04: no major" "linux.devices[0].major: required for type c"
	cfg "$b" '.linux.devices = [{type: "b", path: "/dev/x", major: 7}]'
	expect_create_failure "$b" "DEV-04: no minor" "linux.devices[0].minor: required for type b"
	cfg "$b" '.linux.devices = [{type: "c", path: "/dev/x", major: 4096, minor: 0}]'
	expect_create_failure "$b" "DEV-04: major out of range" "linux.devices[0].major: 4096 is out of range"
	cfg "$b" '.linux.devices = [{type: "x", path: "/dev/x", major: 1, minor: 3}]'
	expect_create_failure "$b" "DEV-02: unknown type" "linux.devices[0].type"
	cfg "$b" '.linux.devices = [{type: "p", path: "/dev/a"}, {type: "p", path: "/dev//a"}]'
	expect_create_failure "$b" "DEV-07: a path twice" "linux.devices[1].path: /dev/a is also linux.devices[0]"
	cfg "$b" '.linux.devices = [{type: "p", path: "dev/a"}]'
	expect_create_failure "$b" "DEV-03: a relative path" \
		"linux.devices[0].path: must be an absolute path, got \"dev/a\""
}

run_case case_device_types
run_case case_userns_bind
run_case case_existing_path
run_case case_invalid_entries
finish
