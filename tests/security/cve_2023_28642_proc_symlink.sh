#!/bin/bash
# CVE-2023-28642, CVE-2019-16884 (and CVE-2019-19921, CVE-2023-27561): the
# image's /proc (or /sys) is a symlink, so that the protections a runtime
# applies to procfs land somewhere else.
#
# The attack: with /proc a symlink, "mount proc on /proc" follows it, and so
# do the later steps that go by path: maskedPaths and readonlyPaths under
# /proc, the LSM label written to /proc/self/attr/..., sysctls. Pointing the
# link into a volume that a second, running container can change
# (/proc -> /evil/level1/level2) and swapping level1 with a decoy directory
# while the runtime works makes the procfs mount and its protections land in
# different directories: the container then holds a procfs whose sys/ is
# writable and whose masked files are not masked (CVE-2019-19921's PoC
# wrote the host's core_pattern that way). Pointing it at a directory of
# fake files makes the label or sysctl writes go to those files
# (CVE-2019-16884, CVE-2023-28642: AppArmor not applied). runc 1.1.5 fixed
# the last of them by refusing a /proc that is not a real directory.
#
# What arca does: a mount on or below /proc or /sys of an image where that
# entry is a symlink or not a directory fails create, naming it
# (libcontainer/linux/mounts.c); mount destinations are resolved with
# openat2 RESOLVE_IN_ROOT and mounted on by fd, so a link never leads out of
# the rootfs (linux/safepath.c); procfs writes go through the init's own
# verified /proc fd, opened before the config's mounts (linux/procfs.c).
#
# The cases: /proc and /sys as links to /, to /tmp, to a path of the host
# (once with and once without a mount namespace, where the container's
# mounts are made in the host's namespace), /proc as a regular file, /proc
# into a directory of fake procfs files with linux.sysctl set, and the
# racing volume attack (tests/tools/rename_swap.c in a second container).
# Each asserts: create refused, or else no mount outside the rootfs, no host
# file made or changed, and every procfs the container can see protected
# (sys/ read-only, masked files the null device).
#
# Shown to fail without the defence: arca at 6ea82aa (which resolved /proc
# inside the root and followed the link) fails case_proc_race: in some
# rounds the container saw a procfs at /evil/level1~/level2 whose
# sys/kernel/core_pattern opened for writing and whose kcore/keys were not
# masked. runc 1.1.5 passes (it refuses the symlinks).
source "$ARCA_TESTS/lib/common.bash"
source "$ARCA_TESTS/security/security.bash"

# link_bundle DIR ENTRY TARGET: ENTRY (proc or sys) of the image is a
# symlink to TARGET; runc's default protections; the program checks every
# procfs it can find.
link_bundle() {
	local b=$1 entry=$2 target=$3
	mkbundle "$b"
	default_protections "$b"
	rm -rf "${b:?}/rootfs/$entry"
	ln -s "$target" "$b/rootfs/$entry"
	sh_args "$b" "$PROCFS_CHECK
		check_procfs /proc /tmp / /evil/level1/level2 /evil/level1~/level2
		grep -q ' /sys ' /proc/self/mountinfo 2>/dev/null || true
		awk '\$9 == \"sysfs\" || \$8 == \"sysfs\" { print \"sysfs-at\", \$5, \$6 }' /proc/self/mountinfo 2>/dev/null
		echo probe-done"
}

# try_bundle ID BUNDLE LABEL [ALLOWED...]: create; refused is fine. Else no
# new mount outside the rootfs (and ALLOWED), then start: no procfs seen
# unprotected, sysfs read-only.
try_bundle() {
	local id=$1 b=$2 label=$3
	shift 3
	mount_points >"$T/mounts.before"
	create_ctr "$id" "$b"
	if [ "$RC" != 0 ]; then
		_say "$label: refused: $(tail -1 <<<"$ERR")"
		return 0
	fi
	local out
	out=$(new_mounts_outside "$T/mounts.before" "$b/rootfs" "$@")
	[ -z "$out" ] || fail "$label: mounts outside the rootfs on the host: $out"
	capture arca start "$id"
	wait_status "$id" stopped 10
	OUT=$(ctr_out "$id")
	assert_contains "$OUT" "probe-done" "$label: the program's report"
	assert_not_contains "$OUT" "UNPROTECTED" "$label: a procfs without its protections"
	if grep -q '^sysfs-at ' <<<"$OUT"; then
		! grep '^sysfs-at ' <<<"$OUT" | grep -qv ' ro,\| ro$' ||
			fail "$label: a sysfs is writable in the container: $OUT"
	fi
	return 0
}

case_proc_to_root() {
	local b=$T/b-proc-root id
	link_bundle "$b" proc /
	id=$(new_id)
	try_bundle "$id" "$b" "/proc -> /"
}

case_proc_to_tmp() {
	local b=$T/b-proc-tmp id
	link_bundle "$b" proc /tmp
	id=$(new_id)
	try_bundle "$id" "$b" "/proc -> /tmp"
}

case_proc_regular_file() {
	local b=$T/b-proc-file id
	link_bundle "$b" proc /tmp
	rm -f "$b/rootfs/proc"
	echo "not a directory" >"$b/rootfs/proc"
	id=$(new_id)
	try_bundle "$id" "$b" "/proc a regular file"
	assert_eq "$(cat "$b/rootfs/proc" 2>/dev/null)" "not a directory" "the image's /proc file must be unchanged"
}

# /proc and /sys -> a host path; without a mount namespace the container's
# mounts are made in the host's, so a link followed on the host would show.
case_links_to_host_path() {
	local entry ns b id
	for entry in proc sys; do
		for ns in own none; do
			b=$T/b-$entry-host-$ns
			mkdir -p "$T/host-$entry-$ns"
			echo keep >"$T/host-$entry-$ns/keep"
			tree_digest "$T/host-$entry-$ns" >"$T/host.digest"
			link_bundle "$b" "$entry" "$T/host-$entry-$ns"
			[ "$ns" = own ] || cfg "$b" 'del(.hostname) | .linux.namespaces = [{type: "pid"}]'
			id=$(new_id)
			try_bundle "$id" "$b" "/$entry -> $T/host-$entry-$ns ($ns mount namespace)"
			diff <(tree_digest "$T/host-$entry-$ns") "$T/host.digest" >/dev/null ||
				fail "/$entry -> a host path: the host directory changed: $(ls -la "$T/host-$entry-$ns")"
			capture arca delete -f "$id"
		done
	done
}

case_sys_to_root_and_tmp() {
	local b id target
	for target in / /tmp; do
		b=$T/b-sys-${target//\//_}
		link_bundle "$b" sys "$target"
		id=$(new_id)
		try_bundle "$id" "$b" "/sys -> $target"
	done
}

# CVE-2019-16884 / CVE-2023-28642: /proc -> a directory of fake procfs
# files; the runtime's writes must not land there.
case_proc_to_fake_files() {
	local b=$T/b-fake id
	link_bundle "$b" proc /fakeproc
	mkdir -p "$b/rootfs/fakeproc/sys/net/ipv4" "$b/rootfs/fakeproc/self/attr"
	echo fake >"$b/rootfs/fakeproc/sys/net/ipv4/ip_forward"
	echo fake >"$b/rootfs/fakeproc/self/attr/exec"
	echo fake >"$b/rootfs/fakeproc/self/oom_score_adj"
	cfg "$b" '.linux.sysctl = {"net.ipv4.ip_forward": "1"} | .process.oomScoreAdj = 123'
	local digest
	digest=$(tree_digest "$b/rootfs/fakeproc")
	id=$(new_id)
	try_bundle "$id" "$b" "/proc -> /fakeproc"
	assert_eq "$(tree_digest "$b/rootfs/fakeproc")" "$digest" "the fake procfs files must be untouched"
}

# CVE-2019-19921 / CVE-2023-27561: /proc -> /evil/level1/level2, /evil a
# volume of the host in which a running container swaps level1 and level1~
# while the victim is created. The racer stops (leaving the names as they
# were) before the victim starts, so that the victim's probe sees a stable
# layout.
case_proc_race() {
	local vol=$T/evil a=$T/b-racer b=$T/b-victim aid id round swapper
	swapper=$(static_tool rename_swap)
	mkdir -p "$vol/level1/level2" "$vol/level1~/level2"
	# both sides have what the protections bind over
	local side
	for side in level1 level1~; do
		mkdir -p "$vol/$side/level2/sys" "$vol/$side/level2/acpi"
		touch "$vol/$side/level2/sysrq-trigger" "$vol/$side/level2/keys" \
			"$vol/$side/level2/kcore" "$vol/$side/level2/timer_list"
	done
	mkbundle "$a" '.mounts += [{destination: "/evil", type: "bind", source: $v, options: ["rbind"]}]' \
		--arg v "$vol"
	docker_caps "$a"
	cp "$swapper" "$a/rootfs/bin/rename_swap"
	set_args "$a" /bin/rename_swap -t 20 -s /evil/stop /evil/level1 /evil/level1~

	link_bundle "$b" proc /evil/level1/level2
	# the volume first, so that the procfs goes into it
	cfg "$b" '.mounts = [{destination: "/evil", type: "bind", source: $v, options: ["rbind"]}] + .mounts' \
		--arg v "$vol"
	docker_caps "$b"
	local refused=0 ran=0
	for round in $(seq 1 10); do
		rm -f "$vol/stop"
		aid=$(new_id)
		create_ctr "$aid" "$a"
		assert_ok "create the racer"
		capture arca start "$aid"
		assert_ok "start the racer"
		wait_until 5 grep -q ready "$T/$aid.out" || fail "the racer did not start: $(cat "$T/$aid.out")"
		id=$(new_id)
		create_ctr "$id" "$b"
		touch "$vol/stop"
		wait_status "$aid" stopped 10
		if [ "$RC" != 0 ]; then
			refused=$((refused + 1))
			continue
		fi
		ran=$((ran + 1))
		capture arca start "$id"
		wait_status "$id" stopped 10
		OUT=$(ctr_out "$id")
		assert_contains "$OUT" "procfs-seen" "/proc -> a raced volume (round $round): the probe found no procfs"
		assert_not_contains "$OUT" "UNPROTECTED" "/proc -> a raced volume (round $round)"
		capture arca delete -f "$id"
		capture arca delete -f "$aid"
	done
	_say "raced /proc: $refused creates refused, $ran ran"
}

run_case case_proc_to_root
run_case case_proc_to_tmp
run_case case_proc_regular_file
run_case case_links_to_host_path
run_case case_sys_to_root_and_tmp
run_case case_proc_to_fake_files
run_case case_proc_race
finish
