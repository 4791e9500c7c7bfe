#!/bin/bash
# CVE-2025-31133: maskedPaths through a /dev/null that the container
# controls.
#
# The attack: runc masked a file by bind-mounting the container's own
# /dev/null over it, after pivot_root, by path. An image (or a racing
# container process) that makes /dev/null a symlink to another file, say
# /proc/sys/kernel/core_pattern, makes runc bind THAT file over the masked
# path: the masked path then shows (and, through a writable file, lets the
# container write) what it should hide, and the symlink's target can be
# written through it. A /dev/null that is a plain file works the same way.
# runc 1.2.8 / 1.3.3 / 1.4.0-rc.2 fixed it by checking that the /dev/null
# it binds is the real null device.
#
# What arca does: masks are binds of the HOST's /dev/null, opened before
# pivot_root and verified to be the char device 1:3 (O_PATH | O_NOFOLLOW,
# then open_tree of that fd), never a path inside the container
# (libcontainer/linux/masked_paths.c, prepare_devnull); the masked paths are
# resolved inside the root and mounted on by fd (mask_one).
#
# The cases: an image without a /dev tmpfs whose /dev/null is a symlink to a
# file of the image, a symlink to a procfs file, or a regular file; the
# container checks that each masked path reads empty and is the null
# device, writes into a masked file, and the test checks that the link's
# target is unchanged and never became a mount.
#
# Shown to fail without the defence: runc 1.1.5 fails all three cases (run
# with ARCA=/usr/sbin/runc): /etc/masked-file reads the link target's text,
# /proc/kcore is not 1:3, and the write through the masked file lands in the
# image's /etc/target.
source "$ARCA_TESTS/lib/common.bash"
source "$ARCA_TESTS/security/security.bash"

TOKEN="target-$RANDOM$RANDOM"

# probe WRITE: what the container does. It reports into /tmp/report of its
# rootfs, not on stdout: a runtime that reopens the container's stdio
# through the image's /dev/null sends stdout to the link's target (runc 1.1.5
# does). WRITE=1 also writes into the masked file.
probe() {
	cat <<EOF
exec >/tmp/report 2>&1
echo "masked=[\$(cat /etc/masked-file)]"
echo "masked-dev=\$(stat -c %F:%t:%T /etc/masked-file)"
for f in /proc/kcore /proc/keys /proc/timer_list; do
	[ -e \$f ] && echo "proc-mask \$f=\$(stat -c %F:%t:%T \$f)"
done
if [ "$1" = 1 ]; then echo overwritten >/etc/masked-file; fi
awk '\$5 == "/etc/target" || \$5 == "/proc/sys/kernel/core_pattern" { print "TARGET-MOUNTED", \$5 }' /proc/self/mountinfo
echo probe-done
EOF
}

# devnull_bundle DIR: no /dev tmpfs (the image's /dev is used as it is),
# runc's default masks plus /etc/masked-file, /etc/target holding TOKEN.
devnull_bundle() {
	local b=$1
	mkbundle "$b" '.mounts |= map(select(.destination | startswith("/dev") | not))'
	default_protections "$b"
	cfg "$b" '.linux.maskedPaths += ["/etc/masked-file"]'
	echo "sensitive-$TOKEN" >"$b/rootfs/etc/masked-file"
	echo "$TOKEN" >"$b/rootfs/etc/target"
}

# check_masks BUNDLE LABEL: the report of the probe in BUNDLE.
check_masks() {
	OUT=$(cat "$1/rootfs/tmp/report" 2>/dev/null || true)
	local label=$2
	assert_contains "$OUT" "probe-done" "$label: the probe's report"
	assert_contains "$OUT" "masked=[]" "$label: the masked file must read empty"
	assert_contains "$OUT" "masked-dev=character special file:1:3" "$label: the masked file must be the null device"
	assert_contains "$OUT" "proc-mask" "$label: no masked file of /proc was found"
	assert_not_contains "$OUT" "=regular" "$label: a masked file of /proc is not the null device"
	assert_not_contains "$OUT" "$TOKEN" "$label: the masked file shows the link's target"
	assert_not_contains "$OUT" "TARGET-MOUNTED" "$label: the link's target became a mount"
}

# /dev/null -> /etc/target, a file of the image; the container writes into
# the masked file.
case_symlink_to_image_file() {
	local b=$T/b-file id
	devnull_bundle "$b"
	ln -sf /etc/target "$b/rootfs/dev/null"
	sh_args "$b" "$(probe 1)"
	id=$(new_id)
	run_ctr "$id" "$b"
	if [ "$RC" = 0 ]; then
		check_masks "$b" "/dev/null -> /etc/target"
	else
		_say "create refused: $ERR"
	fi
	assert_eq "$(cat "$b/rootfs/etc/target")" "$TOKEN" "the symlink's target must be untouched"
}

# /dev/null -> /proc/sys/kernel/core_pattern (a host-wide setting). Nothing
# is written: the masks must not show it.
case_symlink_to_procfs() {
	local b=$T/b-proc id before
	before=$(cat /proc/sys/kernel/core_pattern)
	devnull_bundle "$b"
	ln -sf /proc/sys/kernel/core_pattern "$b/rootfs/dev/null"
	sh_args "$b" "$(probe 0)"
	id=$(new_id)
	run_ctr "$id" "$b"
	local after
	after=$(cat /proc/sys/kernel/core_pattern)
	# a vulnerable runtime may have written it: put it back first
	[ "$after" = "$before" ] || echo "$before" >/proc/sys/kernel/core_pattern
	assert_eq "$after" "$before" "the host's core_pattern must be untouched"
	if [ "$RC" = 0 ]; then
		check_masks "$b" "/dev/null -> /proc/sys/kernel/core_pattern"
		assert_not_contains "$OUT" "masked=[$before]" \
			"/dev/null -> core_pattern: the masked file shows the host's core_pattern"
	else
		_say "create refused: $ERR"
	fi
}

# /dev/null is a regular file of the image.
case_regular_file() {
	local b=$T/b-plain id
	devnull_bundle "$b"
	rm -f "$b/rootfs/dev/null"
	echo "not-null-$TOKEN" >"$b/rootfs/dev/null"
	sh_args "$b" "$(probe 1)"
	id=$(new_id)
	run_ctr "$id" "$b"
	if [ "$RC" = 0 ]; then
		check_masks "$b" "/dev/null a regular file"
	else
		_say "create refused: $ERR"
	fi
	assert_eq "$(cat "$b/rootfs/dev/null")" "not-null-$TOKEN" "the image's /dev/null must be untouched"
}

run_case case_symlink_to_image_file
run_case case_symlink_to_procfs
run_case case_regular_file
finish
