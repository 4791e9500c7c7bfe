#!/bin/bash
# Root filesystem and mounts: order, options, binds (dir, file, relative,
# read-only), root.readonly, --no-pivot, default devices and /dev symlinks.
# Checklist: ROOT-02..ROOT-05, MNT-01..MNT-06, MNT-10, MNT-13, DEV-09, DEV-10,
# PROC-09.
source "$ARCA_TESTS/lib/common.bash"

# mountinfo_field MOUNTINFO MOUNTPOINT WHAT: for every line of that mount
# point: WHAT = opts (per-mount options), fstype, source.
mountinfo_field() {
	awk -v mp="$2" -v what="$3" '$5 == mp {
		for (i = 7; i <= NF; i++) if ($i == "-") break
		if (what == "opts") print $6
		else if (what == "fstype") print $(i + 1)
		else if (what == "source") print $(i + 2)
	}' <<<"$1"
}

has_opt() { # OPTS OPT
	[[ ",$1," == *",$2,"* ]]
}

# MNT-01..MNT-06, MNT-10, ROOT-02: mounts in order with their options, binds of
# a directory (read-only and read-write), of a file and of a bundle-relative
# source; later mounts cover earlier ones.
case_mounts() {
	local id b=$T/b-mnt mounts mi
	id=$(new_id)
	mkdir -p "$T/hostdir" "$T/hostdir2"
	echo host-content >"$T/hostdir/existing"
	echo file-content >"$T/hostfile"
	mounts=$(jq -nc --arg t "$T" '[
		{destination: "/mnt/flags", type: "tmpfs", source: "tmpfs", options: ["nosuid", "noexec", "nodev", "mode=700"]},
		{destination: "/mnt/rotmp", type: "tmpfs", source: "tmpfs", options: ["ro"]},
		{destination: "/mnt/robind", type: "none", source: ($t + "/hostdir"), options: ["bind", "ro"]},
		{destination: "/mnt/rwbind", source: ($t + "/hostdir2"), options: ["rbind"]},
		{destination: "/etc/hostfile", type: "bind", source: ($t + "/hostfile"), options: ["bind"]},
		{destination: "/mnt/rel", type: "none", source: "data", options: ["bind"]},
		{destination: "/mnt/a/b/c", type: "tmpfs", source: "deep"},
		{destination: "/mnt/over", type: "tmpfs", source: "first"},
		{destination: "/mnt/over", type: "tmpfs", source: "second"}]')
	mkbundle "$b" '.mounts += $m' --argjson m "$mounts"
	mkdir -p "$b/data"
	echo rel-content >"$b/data/relfile"
	sh_args "$b" 'cat /proc/self/mountinfo; echo ---
		echo x > /mnt/robind/new 2>/dev/null && echo robind-writable
		echo y > /mnt/rotmp/new 2>/dev/null && echo rotmp-writable
		echo z > /mnt/rwbind/new || echo rwbind-not-writable
		echo "hostfile=$(cat /etc/hostfile)"; echo "existing=$(cat /mnt/robind/existing)"
		echo "rel=$(cat /mnt/rel/relfile)"; echo "mode=$(stat -c %a /mnt/flags)"'
	cd /
	run_ctr "$id" "$b"
	assert_ok "run with extra mounts"
	mi=$(sed '/^---$/,$d' <<<"$OUT")
	local rest
	rest=$(sed '1,/^---$/d' <<<"$OUT")

	# MNT-01: config order
	local want got
	want=$(jq -r '.mounts[].destination' "$b/config.json")
	got=$(awk 'NR == FNR { w[$0] = 1; next } ($5 in w) { print $5 }' <(echo "$want") <(echo "$mi"))
	assert_eq "$got" "$want" "MNT-01: mounts inside, in mountinfo order"

	# MNT-06: flags
	local o
	o=$(mountinfo_field "$mi" /mnt/flags opts)
	for f in nosuid noexec nodev; do has_opt "$o" $f || fail "MNT-06: /mnt/flags lacks $f: $o"; done
	assert_eq "$(grep -c '^mode=' <<<"$rest")" 1 "mode line"
	assert_contains "$rest" "mode=700" "MNT-10: tmpfs data option mode=700"
	has_opt "$(mountinfo_field "$mi" /mnt/rotmp opts)" ro || fail "MNT-06: /mnt/rotmp is not ro"
	has_opt "$(mountinfo_field "$mi" /mnt/robind opts)" ro || fail "MNT-06: read-only bind is not ro in mountinfo"
	has_opt "$(mountinfo_field "$mi" /sys opts)" ro || fail "MNT-06: /sys is not ro"
	has_opt "$(mountinfo_field "$mi" /dev/shm opts)" nodev || fail "MNT-06: /dev/shm lacks nodev"
	assert_not_contains "$rest" robind-writable "MNT-06: a ro bind accepted a write"
	assert_not_contains "$rest" rotmp-writable "MNT-06: a ro tmpfs accepted a write"
	assert_file_absent "$T/hostdir/new" "MNT-06: the write through a ro bind reached the host"
	assert_not_contains "$rest" rwbind-not-writable "MNT-04: a rw rbind refused a write"
	assert_eq "$(cat "$T/hostdir2/new" 2>/dev/null)" z "MNT-04: a write through a rw bind must reach the host"

	# MNT-03/MNT-04: binds of a directory, a file, and a relative source
	assert_contains "$rest" "existing=host-content" "MNT-04: directory bind"
	assert_contains "$rest" "hostfile=file-content" "MNT-02/MNT-04: file bind (mount point created as a file)"
	assert_contains "$rest" "rel=rel-content" "MNT-03: a relative bind source resolves against the bundle"
	# MNT-03: mount sources of non-bind mounts
	assert_eq "$(mountinfo_field "$mi" /mnt/a/b/c source)" deep "MNT-02/MNT-03: nested mount point created, source"
	assert_eq "$(mountinfo_field "$mi" /mnt/over source | tr '\n' ' ')" "first second " "MNT-01: both mounts on /mnt/over, in order"
	assert_eq "$(mountinfo_field "$mi" /proc fstype)" proc "MNT-05: /proc type"
	assert_eq "$(mountinfo_field "$mi" /dev/pts fstype)" devpts "MNT-05: /dev/pts type"
	assert_eq "$(mountinfo_field "$mi" /dev/mqueue fstype)" mqueue "MNT-05: /dev/mqueue type"
	assert_gone "$id" "$b" "after run"
}

# MNT-02: a mount point path through a symlink that points out of the rootfs
# stays inside the rootfs.
case_mount_symlink_escape() {
	local id b=$T/b-esc
	id=$(new_id)
	mkdir -p "$T/outside"
	mkbundle "$b" '.mounts += [{"destination": "/escape/sub", "type": "tmpfs", "source": "esc"}]'
	ln -s "$T/outside" "$b/rootfs/escape"
	sh_args "$b" 'echo inside > /escape/sub/f; cat /escape/sub/f'
	run_ctr "$id" "$b"
	assert_file_absent "$T/outside/sub" "MNT-02: the mount point was created outside the rootfs"
	if [ "$RC" = 0 ]; then
		assert_eq "$OUT" inside "the program ran"
	else
		assert_contains "$ERR" "/escape/sub" "MNT-02: a refused mount names its destination"
	fi
	assert_gone "$id" "$b" "after run"
}

# ROOT-05: root.readonly makes / read-only (and leaves the mounts writable);
# without it the rootfs is writable.
case_root_readonly() {
	local id b=$T/b-ro
	id=$(new_id)
	mkbundle "$b" '.root.readonly = true'
	sh_args "$b" 'touch /rootfile 2>/dev/null && echo root-writable
		touch /dev/shm/x && echo shm-writable; touch /dev/newfile && echo dev-writable
		echo "host=$(hostname)"; echo ---; cat /proc/self/mountinfo'
	run_ctr "$id" "$b"
	assert_ok "run with root.readonly"
	assert_not_contains "$OUT" root-writable "ROOT-05: / accepted a write"
	assert_file_absent "$b/rootfs/rootfile" "ROOT-05: the write reached the rootfs"
	assert_contains "$OUT" shm-writable "ROOT-05: /dev/shm must stay writable"
	assert_contains "$OUT" dev-writable "ROOT-05: /dev must stay writable"
	local root
	root=$(sed '1,/^---$/d' <<<"$OUT" | awk '$5 == "/"' | tail -n1)
	has_opt "$(awk '{ print $6 }' <<<"$root")" ro || fail "ROOT-05: / is not ro in mountinfo: $root"
	assert_contains "$OUT" "host=arca-test" "PROC-09: hostname with a read-only root"

	id=$(new_id)
	cfg "$b" '.root.readonly = false'
	run_ctr "$id" "$b"
	assert_ok "run with root.readonly false"
	assert_contains "$OUT" root-writable "ROOT-05: a writable rootfs must stay writable"
	assert_file_exists "$b/rootfs/rootfile" "ROOT-04: the write must land in the bundle's rootfs"
}

# ROOT-02, ROOT-04: an absolute root.path works; --no-pivot (MS_MOVE + chroot)
# gives the same root.
case_root_path_and_no_pivot() {
	local id b=$T/b-piv
	id=$(new_id)
	mkbundle "$b"
	mv "$b/rootfs" "$T/elsewhere-rootfs"
	cfg "$b" '.root.path = $p' --arg p "$T/elsewhere-rootfs"
	echo "the-rootfs" >"$T/elsewhere-rootfs/rootfs-marker"
	sh_args "$b" 'cat /rootfs-marker; echo written > /tmp/w; ls /'
	run_ctr "$id" "$b"
	assert_ok "ROOT-02: run with an absolute root.path"
	assert_contains "$OUT" the-rootfs "ROOT-04: / is the configured rootfs"
	assert_eq "$(cat "$T/elsewhere-rootfs/tmp/w")" written "ROOT-04: writes land in the rootfs"

	id=$(new_id)
	rm -f "$T/elsewhere-rootfs/tmp/w"
	run_ctr "$id" "$b" --no-pivot
	assert_ok "ROOT-04: run --no-pivot"
	assert_contains "$OUT" the-rootfs "ROOT-04: --no-pivot: / is the configured rootfs"
	assert_eq "$(cat "$T/elsewhere-rootfs/tmp/w")" written "ROOT-04: --no-pivot: writes land in the rootfs"
	assert_not_contains "$OUT" "$(basename "$T")" "ROOT-04: --no-pivot: the host's /tmp is visible"
	assert_gone "$id" "$T/elsewhere-rootfs" "after run --no-pivot"

	id=$(new_id)
	cfg "$b" '.root.path = "no-such-rootfs"'
	create_ctr "$id" "$b"
	assert_failed "ROOT-03: a missing root.path must fail"
	assert_contains "$ERR" "no-such-rootfs" "ROOT-03: the error names the path"
	assert_gone "$id" "$b" "LIFE-11: after refused create"
}

# DEV-09, DEV-10, MNT-13: default devices with the right numbers, usable, and
# the /dev symlinks.
case_default_devices() {
	local id b=$T/b-dev d
	id=$(new_id)
	mkbundle "$b"
	sh_args "$b" 'for d in null zero full random urandom tty; do stat -c "%n %F %t:%T" /dev/$d; done
		for l in ptmx fd stdin stdout stderr; do echo "/dev/$l -> $(readlink /dev/$l)"; done
		echo hi > /dev/null && echo null-ok
		[ "$(head -c 4 /dev/zero | od -An -tx1 | tr -d " ")" = 00000000 ] && echo zero-ok
		[ "$(head -c 8 /dev/urandom | wc -c)" = 8 ] && echo urandom-ok
		echo x > /dev/full 2>/dev/null || echo full-ok
		for m in /proc /sys /dev/pts /dev/shm; do grep -q " $m " /proc/self/mountinfo && echo "mounted $m"; done'
	run_ctr "$id" "$b"
	assert_ok "run"
	for d in "null 1:3" "zero 1:5" "full 1:7" "random 1:8" "urandom 1:9" "tty 5:0"; do
		local n=${d% *} mm=${d#* }
		local maj=${mm%:*} min=${mm#*:}
		assert_contains "$OUT" "/dev/$n character special file $(printf '%x:%x' "$maj" "$min")" "DEV-09: /dev/$n must be char $mm"
	done
	assert_contains "$OUT" "/dev/ptmx -> pts/ptmx" "DEV-09: /dev/ptmx symlink"
	assert_contains "$OUT" "/dev/fd -> /proc/self/fd" "DEV-10: /dev/fd"
	assert_contains "$OUT" "/dev/stdin -> /proc/self/fd/0" "DEV-10: /dev/stdin"
	assert_contains "$OUT" "/dev/stdout -> /proc/self/fd/1" "DEV-10: /dev/stdout"
	assert_contains "$OUT" "/dev/stderr -> /proc/self/fd/2" "DEV-10: /dev/stderr"
	for d in null-ok zero-ok urandom-ok full-ok "mounted /proc" "mounted /sys" "mounted /dev/pts" "mounted /dev/shm"; do
		assert_contains "$OUT" "$d" "DEV-09/MNT-13: $d"
	done
}

# issue 3, §4 notes: a cgroup mount (with a cgroup namespace) presents the
# container's own cgroups: every hierarchy's cgroup.procs holds its pid 1.
case_cgroup_mount() {
	local id b=$T/b-cgm
	id=$(new_id)
	mkbundle "$b" '.linux.namespaces += [{"type": "cgroup"}] |
		.mounts += [{"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup",
		             "options": ["nosuid", "noexec", "nodev", "relatime", "ro"]}]'
	sh_args "$b" 'n=0; for f in /sys/fs/cgroup/cgroup.procs /sys/fs/cgroup/*/cgroup.procs; do
		[ -e "$f" ] || continue; n=$((n+1)); grep -qx 1 "$f" || echo "not-own: $f: $(cat $f | tr "\n" " ")"; done
		echo "hierarchies=$n"
		for d in /sys/fs/cgroup /sys/fs/cgroup/*/; do [ -e "$d/cgroup.procs" ] || continue
			mkdir "$d/arca-test-sub" 2>/dev/null && echo "cgroup-writable: $d"; done; true'
	run_ctr "$id" "$b"
	assert_ok "MNT-05: run with a cgroup mount"
	assert_not_contains "$OUT" "hierarchies=0" "a cgroup mount must show the hierarchies"
	assert_not_contains "$OUT" "not-own:" "the cgroup mount must show the container's own cgroups"
	assert_not_contains "$OUT" "cgroup-writable" "MNT-06: a ro cgroup mount accepted a write"
	assert_gone "$id" "$b" "after run"
}

run_case case_mounts
run_case case_cgroup_mount
run_case case_mount_symlink_escape
run_case case_root_readonly
run_case case_root_path_and_no_pivot
run_case case_default_devices
finish
