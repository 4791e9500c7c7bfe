#!/bin/bash
# CVE-2025-52881: the runtime's procfs writes redirected by the container.
#
# The attack: a runtime writes several procfs files while it sets a
# container up: sysctls (/proc/sys/...), oom_score_adj, the LSM label
# (/proc/self/attr/...), setgroups and the id maps. runc wrote the sysctls
# and the LSM label by path, inside the container's mount namespace, after
# the config's mounts were made: a config (or a racing container with a
# shared mount) that puts a bind or a tmpfs over /proc or /proc/sys makes
# those writes land in files the attacker chose (or, with a bind of another
# procfs file, in /proc/sysrq-trigger or core_pattern), and the protection
# they were meant to set silently does not exist. runc 1.2.8 / 1.3.3 /
# 1.4.0-rc.3 fixed it by writing through a procfs handle it made and
# verified itself.
#
# What arca does: the init opens /proc before any mount of the config is
# made and verifies it is the root of a real procfs (linux/procfs.c,
# procfs_open); sysctls are written through that fd from inside the
# container's namespaces (linux/sysctl.c, sysctl_apply), oom_score_adj, the
# id maps and time offsets by the runtime through its own /proc
# (linux/oom_score.c), the exec.fifo is reopened through the same verified
# fd (process/init.c, wait_for_start).
#
# The cases: a config whose mounts put a bind of a host directory of fake
# procfs files over /proc (no real procfs at all), over /proc/sys after the
# real proc mount, or an empty tmpfs over /proc/sys, with linux.sysctl
# (net.ipv4.ip_forward, kernel.domainname) and process.oomScoreAdj. After
# create the test checks that no fake file changed (tree digest of the host
# directory), that nothing was written into the tmpfs, that the real values
# are set in the container's namespaces (nsenter), and that the host's own
# sysctls are unchanged.
#
# Shown to fail without the defence: runc 1.1.5 fails case_bind_over_proc_sys
# and case_bind_over_proc (its sysctl writes went into the fake
# sys/net/ipv4/ip_forward on the host, and the container's real
# ip_forward stayed 0) and case_tmpfs_over_proc_sys (files written into the
# tmpfs).
source "$ARCA_TESTS/lib/common.bash"
source "$ARCA_TESTS/security/security.bash"
command -v nsenter >/dev/null || skip "nsenter is not installed (util-linux)"

HOST_FWD=$(cat /proc/sys/net/ipv4/ip_forward)
HOST_DOMAIN=$(cat /proc/sys/kernel/domainname)
FAKE=$T/fakeproc

# the fake procfs: the files the runtime would write, with marker content
make_fake() {
	rm -rf "$FAKE"
	mkdir -p "$FAKE/sys/net/ipv4" "$FAKE/sys/kernel" "$FAKE/self/attr" "$FAKE/sys/net/core"
	echo fake-fwd >"$FAKE/sys/net/ipv4/ip_forward"
	echo fake-domain >"$FAKE/sys/kernel/domainname"
	echo fake-oom >"$FAKE/self/oom_score_adj"
	echo fake-attr >"$FAKE/self/attr/current"
	echo fake-exec >"$FAKE/self/attr/exec"
	echo fake-somaxconn >"$FAKE/sys/net/core/somaxconn"
	tree_digest "$FAKE" >"$T/fake.digest"
}

# writes_bundle DIR MOUNTS_FILTER: sysctls and oomScoreAdj to write, the
# mounts edited by the filter (jq, with $fake).
writes_bundle() {
	local b=$1 filter=$2
	mkbundle "$b"
	cfg "$b" "$filter"' | .linux.sysctl = {"net.ipv4.ip_forward": "1", "kernel.domainname": "arca-sec"}
		| .process.oomScoreAdj = 321' --arg fake "$FAKE"
	set_args "$b" sleep 30
}

# check_writes ID LABEL: after create, with the init waiting.
check_writes() {
	local id=$1 label=$2 pid
	pid=$(state_field "$id" .pid)
	[ -n "$pid" ] && [ "$pid" != null ] || fail "$label: no pid for $id"
	diff <(tree_digest "$FAKE") "$T/fake.digest" >"$T/fake.diff" ||
		fail "$label: the runtime wrote into the fake procfs: $(cat "$T/fake.diff")"
	assert_eq "$(nsenter -t "$pid" -n cat /proc/sys/net/ipv4/ip_forward)" 1 \
		"$label: net.ipv4.ip_forward in the container's network namespace"
	assert_eq "$(nsenter -t "$pid" -u cat /proc/sys/kernel/domainname)" arca-sec \
		"$label: kernel.domainname in the container's uts namespace"
	assert_eq "$(cat "/proc/$pid/oom_score_adj")" 321 "$label: the init's oom_score_adj"
	assert_eq "$(cat /proc/sys/net/ipv4/ip_forward)" "$HOST_FWD" "$label: the host's net.ipv4.ip_forward"
	assert_eq "$(cat /proc/sys/kernel/domainname)" "$HOST_DOMAIN" "$label: the host's kernel.domainname"
}

# create_writes ID BUNDLE LABEL: create; a refusal is fine (reported), a
# create that succeeds must have written the real files only.
create_writes() {
	local id=$1 b=$2 label=$3
	create_ctr "$id" "$b"
	if [ "$RC" != 0 ]; then
		_say "$label: create refused: $ERR"
		diff <(tree_digest "$FAKE") "$T/fake.digest" >/dev/null ||
			fail "$label: the refused create wrote into the fake procfs"
		return 1
	fi
	check_writes "$id" "$label"
}

# mounts[]: a bind of the fake directory instead of a procfs at /proc.
case_bind_over_proc() {
	local b=$T/b-proc id
	make_fake
	writes_bundle "$b" '.mounts |= map(if .destination == "/proc"
		then {destination: "/proc", type: "bind", source: $fake, options: ["rbind"]} else . end)'
	id=$(new_id)
	create_writes "$id" "$b" "a bind over /proc" || true
}

# mounts[]: the real procfs, then a bind of the fake sys/ over /proc/sys.
case_bind_over_proc_sys() {
	local b=$T/b-sys id
	make_fake
	writes_bundle "$b" '.mounts += [{destination: "/proc/sys", type: "bind",
		source: ($fake + "/sys"), options: ["rbind"]}]'
	id=$(new_id)
	create_writes "$id" "$b" "a bind over /proc/sys" || true
}

# mounts[]: the real procfs, then an empty tmpfs over /proc/sys: nothing
# may be written into it.
case_tmpfs_over_proc_sys() {
	local b=$T/b-tmpfs id pid left
	make_fake
	writes_bundle "$b" '.mounts += [{destination: "/proc/sys", type: "tmpfs", source: "tmpfs"}]'
	id=$(new_id)
	create_writes "$id" "$b" "a tmpfs over /proc/sys" || return 0
	pid=$(state_field "$id" .pid)
	# seen through the init's root: the container's /proc/sys is the tmpfs
	left=$(find "/proc/$pid/root/proc/sys" -mindepth 1 2>&1 | head -5 || true)
	assert_eq "$left" "" "a tmpfs over /proc/sys: the runtime wrote files into it"
}

run_case case_bind_over_proc
run_case case_bind_over_proc_sys
run_case case_tmpfs_over_proc_sys
finish
