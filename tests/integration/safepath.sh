#!/bin/bash
# Mount destinations and the cwd are resolved inside the rootfs: a symlink
# in the image, absolute or relative, dangling or not, leads to a place in
# the rootfs, never on the host, and a dangling one is made where it points
# (as runc does for images whose /etc/resolv.conf points into /run).
# Checklist: MNT-02, PROC-03.
source "$ARCA_TESTS/lib/common.bash"

# MNT-02: a file bind onto a dangling absolute symlink, a tmpfs below a
# dangling relative one; both targets are made inside the rootfs.
case_dangling_links() {
	local b=$T/b-links id
	mkbundle "$b"
	mkdir -p "$b/rootfs/etc"
	ln -s /run/arca-it-$$/stub.conf "$b/rootfs/etc/resolv.conf"
	ln -s ../var/arca-it-data "$b/rootfs/data"
	echo "nameserver 192.0.2.1" >"$T/resolv.conf"
	cfg "$b" '.mounts += [
		{"destination": "/etc/resolv.conf", "type": "none", "source": $src, "options": ["bind", "ro"]},
		{"destination": "/data/x", "type": "tmpfs", "source": "tmpfs"}]' --arg src "$T/resolv.conf"
	sh_args "$b" 'cat /etc/resolv.conf; grep -c " /var/arca-it-data/x " /proc/self/mountinfo'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "MNT-02: mounts through dangling symlinks: $ERR"
	assert_contains "$OUT" "nameserver 192.0.2.1" "MNT-02: the bind lands where the link points"
	assert_contains "$OUT" $'\n1' "MNT-02: the tmpfs lands at /var/arca-it-data/x inside"
	assert_file_exists "$b/rootfs/run/arca-it-$$/stub.conf" "MNT-02: the link's target is made inside the rootfs"
	assert_file_absent "/run/arca-it-$$" "MNT-02: nothing is made on the host"
	assert_file_absent "/var/arca-it-data" "MNT-02: nothing is made on the host"
}

# MNT-02, PROC-03: symlinks that climb out (../../..) stay inside.
case_escaping_links() {
	local b=$T/b-escape id
	mkbundle "$b"
	ln -s ../../../../../../tmp/arca-it-escape-$$ "$b/rootfs/up"
	ln -s /../../arca-it-cwd-$$ "$b/rootfs/work"
	cfg "$b" '.mounts += [{"destination": "/up/m", "type": "tmpfs", "source": "tmpfs"}]
		| .process.cwd = "/work/here"'
	sh_args "$b" 'pwd'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "MNT-02: mounts through climbing symlinks: $ERR"
	assert_eq "$OUT" "/arca-it-cwd-$$/here" "PROC-03: the cwd is resolved inside the rootfs"
	assert_file_exists "$b/rootfs/tmp/arca-it-escape-$$/m" "MNT-02: the mount point is inside the rootfs"
	assert_file_absent "/tmp/arca-it-escape-$$" "MNT-02: nothing is made on the host"
	assert_file_absent "/arca-it-cwd-$$" "PROC-03: nothing is made on the host"
}

run_case case_dangling_links
run_case case_escaping_links
finish
