# Section 11a: masked paths (MASK)

scen_masked() {
	local b r
	b=$(mkbundle masked '.linux.maskedPaths = ["/oci/mask/dir", "/oci/mask/file", "/oci/mask/nested/deep",
		"/oci/mask/zero", "/oci/mask/fifo", "/oci/mask/blk", "/proc/kcore", "/sys/firmware"]')
	r=$b/rootfs/oci/mask
	mkdir -p "$r/dir" "$r/nested/deep/more"
	echo content >"$r/dir/a"
	echo secret >"$r/file"
	echo deep >"$r/nested/deep/more/file"
	echo beside >"$r/nested/beside"
	mknod "$r/zero" c 1 5
	mkfifo "$r/fifo"
	mknod "$r/blk" b 7 0
	check "$b" MASK-01 1 "content /oci/mask/nested/beside beside"
	inside_run masked "$b"
}
after_masked() {
	local r=$1/rootfs/oci/mask
	if [ "$(cat "$r/file")" = secret ]; then
		echo "ok MASK-01 - the masked file's content on the host is untouched"
	else
		echo "not ok MASK-01 - a write inside reached the masked file: it now holds [$(head -c 40 "$r/file")]"
	fi
	if [ "$(ls -A "$r/dir" | tr '\n' ' ')" = "a " ]; then
		echo "ok MASK-01 - nothing was created in the masked directory underneath"
	else
		echo "not ok MASK-01 - the masked directory underneath changed: $(ls -A "$r/dir" | tr '\n' ' ')"
	fi
}

row MASK-01 MUST* "maskedPaths read empty (files, directories, devices, fifos, under /proc and /sys too)"
t_MASK_01() { inside masked MASK-01; }

row MASK-02 MUST "a relative maskedPaths entry is an error"
t_MASK_02() {
	local b id
	b=$(mkbundle mask02 '.linux.maskedPaths = ["oci/relative"]')
	mkdir -p "$b/rootfs/oci/relative"
	id=$(new_id)
	expect_create_fails "$id" "$b" "maskedPaths entry \"oci/relative\""
}
