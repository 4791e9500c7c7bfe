# Section 11b: read-only paths (ROP)

scen_readonly() {
	local b r
	b=$(mkbundle readonly '.mounts += [{destination: "/oci/ro/mnt", type: "tmpfs", source: "oci-romnt", options: ["nosuid", "nodev", "noexec"]}]
		| .linux.readonlyPaths = ["/oci/ro/dir", "/oci/ro/file", "/oci/ro/mnt", "/proc/sys"]')
	r=$b/rootfs/oci/ro
	mkdir -p "$r/dir" "$r/mnt"
	echo in-dir >"$r/dir/file"
	echo ro-file >"$r/file"
	check "$b" ROP-01 1 "content /oci/ro/dir/file in-dir"
	check "$b" ROP-01 2 "content /oci/ro/file ro-file"
	check "$b" ROP-01 3 "readonly /oci/ro/dir/file"
	check "$b" ROP-01 4 "readonly /proc/sys/kernel/domainname"
	check "$b" ROP-01 5 "mountopt /oci/ro/mnt nosuid"
	check "$b" ROP-01 6 "mountopt /oci/ro/mnt nodev"
	check "$b" ROP-01 7 "mountopt /oci/ro/mnt noexec"
	check "$b" ROP-01 8 "writable /oci"
	inside_run readonly "$b"
}

row ROP-01 MUST* "readonlyPaths refuse writes, still read, keep their mount flags; the rest stays writable"
t_ROP_01() { inside readonly ROP-01; }

row ROP-02 MUST "a relative readonlyPaths entry is an error"
t_ROP_02() {
	local b id
	b=$(mkbundle rop02 '.linux.readonlyPaths = ["oci/relative"]')
	mkdir -p "$b/rootfs/oci/relative"
	id=$(new_id)
	expect_create_fails "$id" "$b" "readonlyPaths entry \"oci/relative\""
}
