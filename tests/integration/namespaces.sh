#!/bin/bash
# Namespaces: new ones are new, absent ones are shared, joined ones are the
# holder's, wrong paths fail cleanly; user-namespace mappings, time offsets,
# cgroup namespace.
# Checklist: NS-01..NS-07, UMAP-01, TIME-01, OP-20, LIFE-11.
source "$ARCA_TESTS/lib/common.bash"
command -v unshare >/dev/null || skip "util-linux unshare is needed for the namespace holders"

# prints "<type> <link>" for every namespace of the container process
NS_SCRIPT='for n in pid mnt uts ipc net cgroup time user; do echo "$n $(readlink /proc/self/ns/$n)"; done'

# the namespaces config value for a list of spec types
ns_json() {
	local t out=""
	for t in "$@"; do out+="{\"type\":\"$t\"},"; done
	echo "[${out%,}]"
}

# ns_in OUT TYPE: the link printed by NS_SCRIPT for TYPE
ns_in() {
	awk -v t="$2" '$1 == t { print $2 }' <<<"$1"
}

host_ns() {
	readlink "/proc/$$/ns/$1"
}

# a holder process in fresh namespaces; prints its pid once they exist.
start_holder() { # UNSHARE_FLAGS...
	# --kill-child: the forked sleep dies with unshare when the case ends
	unshare "$@" --fork --kill-child sleep 100 </dev/null >/dev/null 2>&1 &
	local h=$! c
	track_pid "$h"
	wait_until 5 _holder_ready "$h" || fail "holder (unshare $*) did not start"
	for c in $(cat "/proc/$h/task/$h/children" 2>/dev/null); do track_pid "$c"; done
	echo "$h"
}
_holder_ready() {
	[ "$(readlink "/proc/$1/ns/uts")" != "$(host_ns uts)" ] ||
		[ "$(readlink "/proc/$1/ns/mnt")" != "$(host_ns mnt)" ] ||
		[ "$(readlink "/proc/$1/ns/pid_for_children")" != "$(host_ns pid)" ]
}

# NS-05: every namespace type listed without a path is new.
case_new_namespaces() {
	local id b=$T/b-new t
	id=$(new_id)
	mkbundle "$b" '.linux.namespaces = $ns' --argjson ns "$(ns_json pid mount uts ipc network cgroup time)"
	sh_args "$b" "$NS_SCRIPT"
	run_ctr "$id" "$b"
	assert_ok "NS-05: run with pid, mount, uts, ipc, network, cgroup, time"
	for t in pid mnt uts ipc net cgroup time; do
		[ -n "$(ns_in "$OUT" $t)" ] || fail "could not read the $t namespace inside: $OUT"
		assert_ne "$(ns_in "$OUT" $t)" "$(host_ns $t)" "NS-05: $t namespace must be new"
	done
	assert_eq "$(ns_in "$OUT" user)" "$(host_ns user)" "NS-06: user namespace (not listed) must be the host's"
	assert_gone "$id" "$b" "after run"
}

# NS-05, UMAP-01: a user namespace with uid/gid mappings, written exactly.
case_user_namespace() {
	local id b=$T/b-user maps
	id=$(new_id)
	maps='[{"containerID":0,"hostID":100000,"size":1000},{"containerID":1000,"hostID":300000,"size":64536}]'
	mkbundle "$b" '.linux.namespaces = $ns | .linux.uidMappings = $m | .linux.gidMappings = $m' \
		--argjson ns "$(ns_json pid mount uts ipc network user)" --argjson m "$maps"
	sh_args "$b" "$NS_SCRIPT; echo uid_map; cat /proc/self/uid_map; echo gid_map; cat /proc/self/gid_map; echo ids \$(id -u) \$(id -g)"
	run_ctr "$id" "$b"
	assert_ok "NS-05: run with a user namespace"
	assert_ne "$(ns_in "$OUT" user)" "$(host_ns user)" "NS-05: user namespace must be new"
	[ -n "$(ns_in "$OUT" user)" ] || fail "could not read the user namespace inside: $OUT"
	local want=$'0 100000 1000\n1000 300000 64536'
	assert_eq "$(sed -n '/^uid_map$/,/^gid_map$/p' <<<"$OUT" | sed '1d;$d' | awk '{ print $1, $2, $3 }')" \
		"$want" "UMAP-01: uid_map inside"
	assert_eq "$(sed -n '/^gid_map$/,/^ids/p' <<<"$OUT" | sed '1d;$d' | awk '{ print $1, $2, $3 }')" \
		"$want" "UMAP-01: gid_map inside"
	assert_contains "$OUT" "ids 0 0" "PROC-06: uid/gid 0 inside the user namespace"

	# seen from the host: the process runs as host uid 100000
	id=$(new_id)
	set_args "$b" sleep 100
	create_ctr "$id" "$b"
	assert_ok "create with a user namespace"
	local pid
	pid=$(state_field "$id" .pid)
	assert_eq "$(awk '/^Uid:/ { print $2 }' "/proc/$pid/status")" 100000 "UMAP-01: host uid of container root"
	assert_eq "$(awk '{ print $1, $2, $3 }' "/proc/$pid/uid_map")" "$want" "UMAP-01: uid_map seen from the host"
	capture arca delete -f "$id"
	assert_gone "$id" "$b" "$pid" "after delete"
}

# NS-06: types left out are the host's.
case_absent_shared() {
	local id b=$T/b-shared t
	id=$(new_id)
	mkbundle "$b" 'del(.hostname) | .linux.namespaces = $ns' --argjson ns "$(ns_json mount)"
	sh_args "$b" "$NS_SCRIPT; echo cgroup-file; cat /proc/self/cgroup"
	run_ctr "$id" "$b"
	assert_ok "NS-06: run with only a mount namespace"
	for t in pid uts ipc net cgroup time user; do
		[ -n "$(ns_in "$OUT" $t)" ] || fail "could not read the $t namespace inside: $OUT"
		assert_eq "$(ns_in "$OUT" $t)" "$(host_ns $t)" "NS-06: $t namespace (not listed) must be the host's"
	done
	assert_ne "$(ns_in "$OUT" mnt)" "$(host_ns mnt)" "NS-05: mount namespace must be new"
	# without a cgroup namespace the container sees its real cgroup: arca/<id>
	local cg
	cg=$(sed -n '/^cgroup-file$/,$p' <<<"$OUT" | sed 1d)
	grep -q "^0::/arca/$id\$" <<<"$cg" || fail "issue 3: cgroup2 path inside must be /arca/$id: $cg"
	assert_gone "$id" "$b" "after run"
}

# NS-06: with no namespace listed at all (runtime-tools' linux_ns_itype),
# every namespace, mount included, is the host's; the container's mounts
# then live in the host's namespace, below the rootfs, and are all gone
# after delete (and after a create that fails half-way).
case_no_namespaces() {
	local id b=$T/b-nomnt t
	id=$(new_id)
	mkbundle "$b" 'del(.hostname) | .linux.namespaces = []'
	sh_args "$b" "$NS_SCRIPT; cat /dev/null && echo devices-ok"
	create_ctr "$id" "$b"
	assert_ok "NS-06: create with no namespaces: $ERR"
	grep -q " $b/rootfs" /proc/self/mountinfo ||
		fail "NS-06: the container's mounts must be in the host's namespace while it exists"
	capture arca start "$id"
	assert_ok "start"
	wait_status "$id" stopped 10
	OUT=$(ctr_out "$id")
	for t in pid uts ipc net cgroup time user mnt; do
		[ -n "$(ns_in "$OUT" $t)" ] || fail "could not read the $t namespace inside: $OUT"
		assert_eq "$(ns_in "$OUT" $t)" "$(host_ns $t)" "NS-06: $t namespace (not listed) must be the host's"
	done
	assert_contains "$OUT" "devices-ok" "DEV-09: default devices without a mount namespace"
	capture arca delete "$id"
	assert_ok "delete"
	assert_gone "$id" "$b" "NS-06: after delete, no mount is left under the rootfs"

	id=$(new_id)
	cfg "$b" '.mounts += [{"destination": "/mnt/bad", "type": "tmpfs", "source": "tmpfs",
		"options": ["size=notanumber"]}]'
	create_ctr "$id" "$b"
	assert_failed "a mount the kernel refuses"
	assert_gone "$id" "$b" "LIFE-11: after a failed create without a mount namespace"
}

# NS-03, OP-20: namespaces joined by path are the holder's, and survive delete.
case_join_by_path() {
	local id b=$T/b-join h ns
	h=$(start_holder --net --uts --ipc --pid)
	id=$(new_id)
	ns=$(jq -nc --arg h "/proc/$h/ns" '[
		{type: "pid", path: ($h + "/pid_for_children")},
		{type: "mount"},
		{type: "network", path: ($h + "/net")},
		{type: "uts", path: ($h + "/uts")},
		{type: "ipc", path: ($h + "/ipc")}]')
	mkbundle "$b" 'del(.hostname) | .linux.namespaces = $ns' --argjson ns "$ns"
	sh_args "$b" "$NS_SCRIPT"
	run_ctr "$id" "$b"
	assert_ok "NS-03: run joining pid, network, uts, ipc by path"
	assert_eq "$(ns_in "$OUT" net)" "$(ns_of "$h" net)" "NS-03: joined network namespace"
	assert_eq "$(ns_in "$OUT" uts)" "$(ns_of "$h" uts)" "NS-03: joined uts namespace"
	assert_eq "$(ns_in "$OUT" ipc)" "$(ns_of "$h" ipc)" "NS-03: joined ipc namespace"
	assert_eq "$(ns_in "$OUT" pid)" "$(ns_of "$h" pid_for_children)" "NS-03: joined pid namespace (pid_for_children)"
	assert_ne "$(ns_in "$OUT" mnt)" "$(host_ns mnt)" "NS-05: mount namespace must still be new"
	proc_alive "$h" || fail "OP-20: the holder died"
	assert_ne "$(ns_of "$h" net)" "$(host_ns net)" "OP-20: holder's network namespace"
	assert_gone "$id" "$b" "OP-20: after run"
}

# NS-03: a mount namespace joined by path.
case_join_mount_by_path() {
	local id b=$T/b-joinmnt h ns
	h=$(start_holder --mount --propagation private)
	id=$(new_id)
	ns=$(jq -nc --arg p "/proc/$h/ns/mnt" '[{type: "pid"}, {type: "mount", path: $p}, {type: "uts"}, {type: "ipc"}, {type: "network"}]')
	mkbundle "$b" '.linux.namespaces = $ns' --argjson ns "$ns"
	sh_args "$b" "$NS_SCRIPT"
	run_ctr "$id" "$b"
	assert_ok "NS-03: run joining a mount namespace by path"
	assert_eq "$(ns_in "$OUT" mnt)" "$(ns_of "$h" mnt)" "NS-03: joined mount namespace"
	proc_alive "$h" || fail "OP-20: the holder died"
	capture arca state "$id"
	assert_failed "run must delete the container afterwards"
	[ ! -e "$T/state/$id" ] || fail "OP-19: state dir left"
}

# NS-04, NS-02, NS-01, NS-07: bad namespace entries fail create, name the
# problem, and leave nothing.
case_bad_namespace_entries() {
	local h b=$T/b-badns id what ns want
	h=$(start_holder --uts)
	mkbundle "$b" 'del(.hostname)'
	while IFS='|' read -r what ns want; do
		id=$(new_id)
		cfg "$b" '.linux.namespaces = $ns' --argjson ns "$ns"
		create_ctr "$id" "$b"
		assert_failed "$what"
		assert_contains "$ERR" "$want" "$what: the error must name it"
		assert_one_line "$ERR" "$what: one error line"
		assert_gone "$id" "$b" "LIFE-11: $what"
	done <<EOF
NS-04: network namespace given a uts path|[{"type":"mount"},{"type":"network","path":"/proc/$h/ns/uts"}]|/proc/$h/ns/uts
NS-04: pid namespace given a uts path|[{"type":"mount"},{"type":"pid","path":"/proc/$h/ns/uts"}]|/proc/$h/ns/uts
NS-04: path is not a namespace|[{"type":"mount"},{"type":"ipc","path":"$b/config.json"}]|$b/config.json
NS-04: path does not exist|[{"type":"mount"},{"type":"uts","path":"/proc/$h/ns/nosuch"}]|/proc/$h/ns/nosuch
NS-02: relative path|[{"type":"mount"},{"type":"network","path":"proc/$h/ns/net"}]|proc/$h/ns/net
NS-01: unknown type|[{"type":"mount"},{"type":"nosuchns"}]|nosuchns
NS-07: duplicate type|[{"type":"mount"},{"type":"pid"},{"type":"pid"}]|pid
EOF
}

# TIME-01: timeOffsets apply inside a new time namespace; without one they
# are an error.
case_time_offsets() {
	local id b=$T/b-time up_in up_host
	id=$(new_id)
	mkbundle "$b" '.linux.namespaces += [{"type": "time"}] |
		.linux.timeOffsets = {"boottime": {"secs": 864000, "nanosecs": 0}, "monotonic": {"secs": 3600}}'
	sh_args "$b" 'cat /proc/uptime'
	run_ctr "$id" "$b"
	assert_ok "TIME-01: run with timeOffsets"
	up_host=$(cut -d. -f1 /proc/uptime)
	up_in=${OUT%%.*}
	[[ "$up_in" =~ ^[0-9]+$ ]] || fail "TIME-01: cannot read /proc/uptime inside: $OUT"
	[ "$up_in" -ge $((up_host + 864000 - 60)) ] && [ "$up_in" -le $((up_host + 864000 + 60)) ] ||
		fail "TIME-01: boottime offset 864000 not applied: uptime inside $up_in, host $up_host"

	id=$(new_id)
	cfg "$b" '.linux.namespaces |= map(select(.type != "time"))'
	create_ctr "$id" "$b"
	assert_failed "TIME-01: timeOffsets without a time namespace must fail"
	assert_contains "$ERR" "timeOffsets" "TIME-01: the error names the field"
	assert_gone "$id" "$b" "LIFE-11: after refused create"
}

# NS-05: with a cgroup namespace the container sees its cgroups as "/".
case_cgroup_namespace() {
	local id b=$T/b-cgns
	id=$(new_id)
	mkbundle "$b" '.linux.namespaces += [{"type": "cgroup"}]'
	sh_args "$b" 'cat /proc/self/cgroup'
	run_ctr "$id" "$b"
	assert_ok "run with a cgroup namespace"
	[ -n "$OUT" ] || fail "no /proc/self/cgroup output"
	local bad
	bad=$(grep -v ':/$' <<<"$OUT" || true)
	[ -z "$bad" ] || fail "NS-05: inside a new cgroup namespace every path must be /: $bad"
}

run_case case_new_namespaces
run_case case_user_namespace
run_case case_absent_shared
run_case case_no_namespaces
run_case case_join_by_path
run_case case_join_mount_by_path
run_case case_bad_namespace_entries
run_case case_time_offsets
run_case case_cgroup_namespace
finish
