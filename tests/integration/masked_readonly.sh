#!/bin/bash
# linux.maskedPaths and linux.readonlyPaths: masked files, devices and FIFOs
# read empty, masked directories list empty and take no files, read-only
# paths (and the mounts under them) refuse writes but still read; missing
# entries are skipped, relative ones fail create; runc's default lists work,
# with and without a user namespace.
# Checklist: MASK-01, MASK-02, ROP-01, ROP-02.
source "$ARCA_TESTS/lib/common.bash"

# `runc spec`'s lists
RUNC_MASKED='["/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
	"/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi"]'
RUNC_READONLY='["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]'

USERNS_MAPS='[{"containerID":0,"hostID":100000,"size":65536}]'

# mount_opts MOUNTINFO MOUNTPOINT: the per-mount options of its last mount
mount_opts() {
	awk -v mp="$2" '$5 == mp { o = $6 } END { print o }' <<<"$1"
}

has_opt() { # OPTS OPT
	[[ ",$1," == *",$2,"* ]]
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

# MASK-01: a file, a directory, a char device and a FIFO are masked; what
# they hide is untouched; a missing entry is skipped. Writes to a masked
# file go to /dev/null (runc's and crun's behaviour): they succeed and reach
# nothing.
case_masked_paths() {
	local id b=$T/b-mask
	id=$(new_id)
	mkbundle "$b" '.linux.maskedPaths = ["/etc/secret", "/opt/secretdir", "/dev/zero", "/opt/fifo",
		"/no/such/path", "/proc/kcore"]'
	echo hidden >"$b/rootfs/etc/secret"
	mkdir -p "$b/rootfs/opt/secretdir/sub"
	echo inner >"$b/rootfs/opt/secretdir/file"
	mkfifo "$b/rootfs/opt/fifo"
	sh_args "$b" 'echo "file=[$(cat /etc/secret)]"
		echo overwritten > /etc/secret && echo "file-write-vanished"
		echo "after=[$(cat /etc/secret)]"
		echo "dir=[$(ls -A /opt/secretdir)]"
		touch /opt/secretdir/new 2>&1 || echo dir-create-refused
		mkdir /opt/secretdir/newdir 2>&1 || echo dir-mkdir-refused
		echo "zero=[$(head -c 4 /dev/zero | wc -c)]"
		echo "fifo=[$(cat /opt/fifo)]"
		echo "kcore=[$(head -c 16 /proc/kcore | wc -c)]"
		echo ---; cat /proc/self/mountinfo'
	run_ctr "$id" "$b"
	assert_ok "run with maskedPaths"
	assert_contains "$OUT" "file=[]" "MASK-01: a masked file reads empty"
	assert_contains "$OUT" "after=[]" "MASK-01: a masked file stays empty after a write"
	assert_contains "$OUT" "dir=[]" "MASK-01: a masked directory lists empty"
	assert_contains "$OUT" "Read-only file system" "MASK-01: creating in a masked directory fails with EROFS"
	assert_contains "$OUT" dir-create-refused "MASK-01: no file in a masked directory"
	assert_contains "$OUT" dir-mkdir-refused "MASK-01: no directory in a masked directory"
	assert_contains "$OUT" "zero=[0]" "MASK-01: a masked char device reads empty"
	assert_contains "$OUT" "fifo=[]" "MASK-01: a masked FIFO reads empty"
	assert_contains "$OUT" "kcore=[0]" "MASK-01: /proc/kcore reads empty"
	local mi
	mi=$(sed '1,/^---$/d' <<<"$OUT")
	has_opt "$(mount_opts "$mi" /opt/secretdir)" ro || fail "MASK-01: the tmpfs on a masked directory is not ro"
	assert_eq "$(cat "$b/rootfs/etc/secret")" hidden "MASK-01: the masked file keeps its content"
	assert_eq "$(cat "$b/rootfs/opt/secretdir/file")" inner "MASK-01: the masked directory keeps its files"
	assert_file_absent "$b/rootfs/opt/secretdir/new" "MASK-01: nothing was made under the masked directory"
	assert_file_absent "$b/rootfs/no" "MASK-02: a missing entry is skipped, not made"
	assert_gone "$id" "$b" "after run"
}

# MASK-02, ROP-02: a relative entry fails create, naming it.
case_relative_entries() {
	local b=$T/b-rel
	mkbundle "$b" '.linux.maskedPaths = ["/proc/kcore", "proc/keys"]'
	expect_create_failure "$b" "MASK-02: a relative masked path" \
		'linux.maskedPaths[1]: must be an absolute path, got "proc/keys"'
	cfg "$b" 'del(.linux.maskedPaths) | .linux.readonlyPaths = ["proc/sys"]'
	expect_create_failure "$b" "ROP-02: a relative read-only path" \
		'linux.readonlyPaths[0]: must be an absolute path, got "proc/sys"'
}

# ROP-01: a read-only path refuses writes and still reads; a mount under it
# is read-only too; what is next to it stays writable; a missing entry is
# skipped.
case_readonly_paths() {
	local id b=$T/b-ro
	id=$(new_id)
	mkbundle "$b" '.linux.readonlyPaths = ["/opt/ro", "/no/such/path", "/etc/hostfile"]
		| .mounts += [{destination: "/opt/ro/nested", type: "tmpfs", source: "nested"}]'
	mkdir -p "$b/rootfs/opt/ro" "$b/rootfs/opt/rw"
	echo readable >"$b/rootfs/opt/ro/file"
	echo file >"$b/rootfs/etc/hostfile"
	sh_args "$b" 'echo "read=[$(cat /opt/ro/file)]"
		touch /opt/ro/new 2>&1 || echo ro-refused
		touch /opt/ro/nested/new 2>&1 || echo nested-refused
		echo x >> /etc/hostfile || echo file-refused
		touch /opt/rw/new && echo rw-ok
		echo ---; cat /proc/self/mountinfo'
	run_ctr "$id" "$b"
	assert_ok "run with readonlyPaths"
	assert_contains "$OUT" "read=[readable]" "ROP-01: a read-only path still reads"
	assert_contains "$OUT" "Read-only file system" "ROP-01: writes fail with EROFS"
	assert_contains "$OUT" ro-refused "ROP-01: a read-only directory took a file"
	assert_contains "$OUT" nested-refused "ROP-01: a mount under a read-only path took a file"
	assert_contains "$OUT" file-refused "ROP-01: a read-only file took a write"
	assert_contains "$OUT" rw-ok "ROP-01: a path next to it must stay writable"
	local mi
	mi=$(sed '1,/^---$/d' <<<"$OUT")
	has_opt "$(mount_opts "$mi" /opt/ro)" ro || fail "ROP-01: /opt/ro is not a ro mount"
	has_opt "$(mount_opts "$mi" /opt/ro/nested)" ro || fail "ROP-01: /opt/ro/nested is not ro"
	assert_file_absent "$b/rootfs/opt/ro/new" "ROP-01: the write reached the rootfs"
	assert_eq "$(cat "$b/rootfs/etc/hostfile")" file "ROP-01: the read-only file is unchanged"
	assert_file_absent "$b/rootfs/no" "ROP-02: a missing entry is skipped, not made"
	assert_gone "$id" "$b" "after run"
}

# MASK-01, ROP-01 with runc's default lists: /proc/kcore and friends read
# empty, /proc/sys reads but refuses writes (tried on a sysctl of the
# container's own network namespace, writable by its root even in a user
# namespace), /proc/sysrq-trigger is a ro mount (never written here).
runc_defaults() { # LABEL [JQ_FILTER [JQ_ARGS...]]
	local label=$1 id b=$T/b-defaults
	shift
	id=$(new_id)
	rm -rf "$b"
	mkbundle "$b" '.linux.maskedPaths = $m | .linux.readonlyPaths = $r' \
		--argjson m "$RUNC_MASKED" --argjson r "$RUNC_READONLY"
	[ $# -eq 0 ] || cfg "$b" "$@"
	sh_args "$b" 'for f in /proc/kcore /proc/keys /proc/timer_list /proc/sched_debug; do
			[ -e $f ] && echo "$f=[$(head -c 64 $f | wc -c)]"; done
		for d in /proc/acpi /proc/scsi /sys/firmware; do [ -d $d ] && echo "$d=[$(ls -A $d)]"; done
		echo "ostype=[$(cat /proc/sys/kernel/ostype)]"
		{ echo 1 > /proc/sys/net/ipv4/ip_forward; } 2>&1 || echo sys-refused
		echo ---; cat /proc/self/mountinfo'
	run_ctr "$id" "$b"
	assert_ok "$label: run with runc's default lists"
	local f
	for f in /proc/kcore /proc/keys /proc/timer_list /proc/sched_debug; do
		[ ! -e "$f" ] || assert_contains "$OUT" "$f=[0]" "MASK-01: $label: $f reads empty"
	done
	for f in /proc/acpi /proc/scsi /sys/firmware; do
		[ ! -d "$f" ] || assert_contains "$OUT" "$f=[]" "MASK-01: $label: $f lists empty"
	done
	assert_contains "$OUT" "ostype=[Linux]" "ROP-01: $label: /proc/sys still reads"
	assert_contains "$OUT" "Read-only file system" "ROP-01: $label: /proc/sys refuses writes with EROFS"
	assert_contains "$OUT" sys-refused "ROP-01: $label: /proc/sys took a write"
	local mi
	mi=$(sed '1,/^---$/d' <<<"$OUT")
	for f in /proc/sys /proc/sysrq-trigger /proc/bus /proc/fs /proc/irq; do
		[ ! -e "$f" ] || has_opt "$(mount_opts "$mi" "$f")" ro || fail "ROP-01: $label: $f is not a ro mount"
	done
	assert_gone "$id" "$b" "$label: after run"
}

case_runc_defaults() {
	runc_defaults "no user namespace"
}

case_runc_defaults_userns() {
	runc_defaults "user namespace" '.linux.namespaces += [{type: "user"}]
		| .linux.uidMappings = $m | .linux.gidMappings = $m' --argjson m "$USERNS_MAPS"
}

run_case case_masked_paths
run_case case_relative_entries
run_case case_readonly_paths
run_case case_runc_defaults
run_case case_runc_defaults_userns
finish
