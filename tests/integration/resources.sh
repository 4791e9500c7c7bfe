#!/bin/bash
# linux.resources applied at create, before the init runs: devices (v1
# devices.allow/deny, v2 eBPF), pids, memory; on this host (hybrid: the
# controllers are v1), a pure-v1 view, and a cgroup-v2-only kernel in qemu.
# A value the kernel refuses fails create naming the field and the file,
# and leaves nothing behind.
# Checklist: CG-06, CG-08, CGDEV-01, CGDEV-02, CGPID-01, CGMEM-01, CGMEM-03,
# CGMEM-04, LIFE-11.
source "$ARCA_TESTS/lib/common.bash"
SHARED=${ARCA_SHARED:-$(cd "$ARCA_TESTS/../.." && pwd)/shared}

# docker's device rules: deny everything, then its default devices.
DOCKER_DEVICES='[{"allow": false, "access": "rwm"},
	{"allow": true, "type": "c", "major": 1, "minor": 5, "access": "rwm"},
	{"allow": true, "type": "c", "major": 1, "minor": 3, "access": "rwm"},
	{"allow": true, "type": "c", "major": 1, "minor": 9, "access": "rwm"},
	{"allow": true, "type": "c", "major": 1, "minor": 8, "access": "rwm"},
	{"allow": true, "type": "c", "major": 5, "minor": 0, "access": "rwm"},
	{"allow": true, "type": "c", "major": 5, "minor": 1, "access": "rwm"},
	{"allow": false, "type": "c", "major": 10, "minor": 229, "access": "rwm"},
	{"allow": true, "type": "c", "major": 136, "access": "rwm"},
	{"allow": true, "type": "c", "major": 5, "minor": 2, "access": "rwm"},
	{"allow": true, "type": "c", "major": 10, "minor": 200, "access": "rwm"},
	{"allow": true, "type": "c", "access": "m"},
	{"allow": true, "type": "b", "access": "m"}]'
# 60 is a major for local/experimental use, never a driver's: an allowed
# open fails with ENXIO, a denied one with EPERM.
EXP_DEV='{"path": "/dev/exp", "type": "c", "major": 60, "minor": 0, "fileMode": 438}'
ALLOW_EXP='{"allow": true, "type": "c", "major": 60, "minor": 0, "access": "r"}'
DEV_PROBE='echo x >/dev/null && echo NULL-OK; head -c1 /dev/zero >/dev/null && echo ZERO-OK
head -c1 /dev/urandom >/dev/null && echo URANDOM-OK; head -c1 /dev/random >/dev/null && echo RANDOM-OK
echo x >/dev/full 2>/dev/null || echo FULL-REFUSED-WRITE; head -c1 /dev/full >/dev/null && echo FULL-OK
[ -c /dev/ptmx ] && echo PTMX-OK; head -c1 /dev/exp 2>&1; true'
FORK_PROBE='i=0; while [ $i -lt 8 ]; do sleep 30 & i=$((i+1)); done; echo SPAWNED'

# the docker rule set keeps the default devices usable, denies the rest
check_docker_devices() { # OUT LABEL
	local l=$2
	assert_contains "$1" "NULL-OK" "CGDEV-01 ($l): /dev/null works under docker's rules"
	assert_contains "$1" "ZERO-OK" "CGDEV-01 ($l): /dev/zero works"
	assert_contains "$1" "URANDOM-OK" "CGDEV-01 ($l): /dev/urandom works"
	assert_contains "$1" "RANDOM-OK" "CGDEV-01 ($l): /dev/random works"
	assert_contains "$1" "FULL-OK" "CGDEV-01 ($l): /dev/full works"
	assert_contains "$1" "PTMX-OK" "CGDEV-01 ($l): /dev/ptmx is there"
	assert_contains "$1" "Operation not permitted" "CGDEV-02 ($l): a device no rule allows cannot be opened"
}

case_devices_docker() {
	local b=$T/b-dev id
	mkbundle "$b" '.linux.resources.devices = $d | .linux.devices = [$e]' \
		--argjson d "$DOCKER_DEVICES" --argjson e "$EXP_DEV"
	sh_args "$b" "$DEV_PROBE"
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "run with docker's device rules: $ERR"
	check_docker_devices "$OUT" host
	assert_gone "$id" "$b" "LIFE-11: after run with device rules"

	cfg "$b" '.linux.resources.devices += [$a]' --argjson a "$ALLOW_EXP"
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "run with an allow rule for the device: $ERR"
	assert_contains "$OUT" "No such device or address" "CGDEV-01: a later allow rule wins"
	assert_not_contains "$OUT" "Operation not permitted" "CGDEV-01: ... the device is not denied"
}

# v1 writes, as runc: the reset first, then the exceptions
case_devices_v1_list() {
	[ -d /sys/fs/cgroup/devices ] || skip_case "no v1 devices hierarchy here"
	local b=$T/b-list id list
	mkbundle "$b" '.linux.resources.devices = $d' --argjson d "$DOCKER_DEVICES"
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_ok "create with docker's device rules: $ERR"
	list=$(cat "/sys/fs/cgroup/devices/arca/$id/devices.list")
	assert_contains "$list" "c 1:3 rwm" "CGDEV-02: devices.list allows /dev/null"
	assert_contains "$list" "c 136:* rwm" "CGDEV-02: ... and the ptys"
	assert_not_contains "$list" "a *:* rwm" "CGDEV-02: the cgroup is no longer allow-all"
	assert_not_contains "$list" "c 10:229" "CGDEV-01: the denied fuse device is not listed"
}

case_devices_invalid() {
	local b=$T/b-bad id
	mkbundle "$b" '.linux.resources.devices = [{"allow": true, "type": "x", "access": "rwm"}]'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_failed "create with device type x"
	assert_contains "$ERR" "linux.resources.devices[0].type" "the error names the field"
	assert_gone "$id" "$b" "LIFE-11: after a refused device rule"
	cfg "$b" '.linux.resources.devices = [{"allow": true, "access": "rwq"}]'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_failed "create with access rwq"
	assert_contains "$ERR" "linux.resources.devices[0].access" "the error names the field"
	assert_gone "$id" "$b" "LIFE-11: after a refused access"
}

pids_dir() { echo "/sys/fs/cgroup/pids/arca/$1"; }

case_pids() {
	local b=$T/b-pids id
	mkbundle "$b" '.linux.resources.pids.limit = 5'
	sh_args "$b" "$FORK_PROBE"
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_contains "$OUT$ERR" "can't fork" "CGPID-01: a fork beyond pids.limit fails inside"
	assert_not_contains "$OUT" "SPAWNED" "CGPID-01: ... so the loop never completes"
	assert_gone "$id" "$b" "after the fork bomb"

	cfg "$b" '.linux.resources.pids.limit = 64'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_contains "$OUT" "SPAWNED" "CGPID-01: under a higher limit the loop completes"

	cfg "$b" '.linux.resources.pids.limit = 7'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_ok "create with pids.limit 7: $ERR"
	assert_eq "$(cat "$(pids_dir "$id")/pids.max")" 7 "CGPID-01: pids.max is the limit"
	cfg "$b" '.linux.resources.pids.limit = -1'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_eq "$(cat "$(pids_dir "$id")/pids.max")" max "CGPID-01: -1 is max"
}

mem_dir() { echo "/sys/fs/cgroup/memory/arca/$1"; }

case_memory_v1() {
	[ -d /sys/fs/cgroup/memory ] || skip_case "no v1 memory hierarchy here"
	local b=$T/b-mem id d
	mkbundle "$b" '.linux.resources.memory = {"limit": 33554432, "reservation": 16777216,
		"swappiness": 10, "disableOOMKiller": true}'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_ok "create with memory limits: $ERR"
	d=$(mem_dir "$id")
	assert_eq "$(cat "$d/memory.limit_in_bytes")" 33554432 "CGMEM-01: limit -> memory.limit_in_bytes"
	assert_eq "$(cat "$d/memory.soft_limit_in_bytes")" 16777216 "CGMEM-01: reservation -> soft limit"
	assert_eq "$(cat "$d/memory.swappiness")" 10 "CGMEM-03: swappiness"
	assert_contains "$(cat "$d/memory.oom_control")" "oom_kill_disable 1" "CGMEM-04: disableOOMKiller"
	if [ -e "/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes" ]; then
		cfg "$b" '.linux.resources.memory = {"limit": 33554432, "swap": 67108864}'
		id=$(new_id)
		create_ctr "$id" "$b"
		assert_ok "create with a swap limit: $ERR"
		assert_eq "$(cat "$(mem_dir "$id")/memory.memsw.limit_in_bytes")" 67108864 \
			"CGMEM-01: swap -> memory.memsw.limit_in_bytes"
	fi
}

# a value the kernel refuses fails create, naming the field and the file
case_memory_refused() {
	[ -e /sys/fs/cgroup/memory/memory.memsw.limit_in_bytes ] || skip_case "no swap accounting"
	local b=$T/b-memx id
	mkbundle "$b" '.linux.resources.memory = {"limit": 33554432, "swap": 1048576}'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_failed "create with swap below limit"
	assert_contains "$ERR" "linux.resources.memory.swap: write 1048576 to memory.memsw.limit_in_bytes: Invalid argument" \
		"the error names the field and the file"
	assert_gone "$id" "$b" "LIFE-11: after a refused memory limit"
	cfg "$b" '.linux.resources.memory = {"swappiness": 101}'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_failed "create with swappiness 101"
	assert_contains "$ERR" "linux.resources.memory.swappiness" "the error names the field"
	assert_gone "$id" "$b" "LIFE-11: after a refused swappiness"
}

case_pure_v1() {
	[ -x "$SHARED/v1only" ] || skip_case "no $SHARED/v1only"
	local b=$T/b-v1 id
	mkbundle "$b" '.linux.resources = {"devices": $d, "pids": {"limit": 5},
		"memory": {"limit": 33554432}} | .linux.devices = [$e]' \
		--argjson d "$DOCKER_DEVICES" --argjson e "$EXP_DEV"
	sh_args "$b" "$DEV_PROBE; cat /proc/self/cgroup; $FORK_PROBE"
	id=$(new_id)
	capture "$SHARED/v1only" "$ARCA" --root "$T/state" run --bundle "$b" "$id"
	check_docker_devices "$OUT" v1only
	assert_contains "$OUT$ERR" "can't fork" "CGPID-01 (v1only): the pids limit holds"
	assert_gone "$id" "$b" "LIFE-11: after run on a pure-v1 host"
}

case_v2_only() {
	local vm=$SHARED/qemu-v2/vm-run.sh
	[ -x "$vm" ] || skip_case "no $vm (the cgroup-v2 VM)"
	command -v qemu-system-x86_64 >/dev/null || skip_case "qemu is not installed"
	local d=$T/vm
	mkdir -p "$d"
	mkbundle "$d/dev" '.linux.resources.devices = $d | .linux.devices = [$e]' \
		--argjson d "$DOCKER_DEVICES" --argjson e "$EXP_DEV"
	sh_args "$d/dev" "$DEV_PROBE"
	mkbundle "$d/allow" '.linux.resources.devices = $d + [$a] | .linux.devices = [$e]' \
		--argjson d "$DOCKER_DEVICES" --argjson e "$EXP_DEV" --argjson a "$ALLOW_EXP"
	sh_args "$d/allow" 'head -c1 /dev/exp 2>&1; true'
	mkbundle "$d/lim" '.linux.resources.pids.limit = 5 |
		.linux.resources.memory = {"limit": 33554432, "reservation": 16777216, "swap": 67108864}'
	sh_args "$d/lim" "$FORK_PROBE"
	mkbundle "$d/bad" '.linux.resources.memory = {"limit": 33554432, "swappiness": 10}'
	mkbundle "$d/einval" '.linux.resources.memory.limit = -2'
	cat >"$d/inside.sh" <<'EOS'
#!/bin/sh
arca="$1 --root $PWD/state"
echo DEV:; $arca run --bundle "$PWD/dev" v2dev 2>&1
echo ALLOW:; $arca run --bundle "$PWD/allow" v2allow 2>&1
echo LIM:; $arca run --bundle "$PWD/lim" v2lim 2>&1
$arca create --bundle "$PWD/lim" v2c </dev/null >/dev/null 2>&1 || echo CREATE-FAILED
c=/sys/fs/cgroup/arca/v2c
echo "pids.max=$(cat $c/pids.max) memory.max=$(cat $c/memory.max) memory.low=$(cat $c/memory.low) swap.max=$(cat $c/memory.swap.max 2>/dev/null || echo none)"
$arca delete -f v2c
echo BAD:; $arca create --bundle "$PWD/bad" v2bad </dev/null 2>&1 >/dev/null
[ -e /sys/fs/cgroup/arca/v2bad ] && echo LEFT-v2bad
echo EINVAL:; $arca create --bundle "$PWD/einval" v2e </dev/null 2>&1 >/dev/null
[ -e /sys/fs/cgroup/arca/v2e ] && echo LEFT-v2e
echo INSIDE-DONE
EOS
	capture env VM_COPY="$ARCA" VM_TIMEOUT=150 "$vm" "$d" sh "$d/inside.sh" "$ARCA"
	assert_ok "the v2 scenario in the VM: $OUT $ERR"
	local dev allow lim
	dev=${OUT#*DEV:}; dev=${dev%%ALLOW:*}
	allow=${OUT#*ALLOW:}; allow=${allow%%LIM:*}
	lim=${OUT#*LIM:}; lim=${lim%%BAD:*}
	check_docker_devices "$dev" v2
	assert_contains "$allow" "No such device or address" "CGDEV-01 (v2): a later allow rule wins"
	assert_contains "$lim" "can't fork" "CGPID-01 (v2): the pids limit holds"
	assert_contains "$OUT" "pids.max=5 memory.max=33554432 memory.low=16777216" \
		"CGMEM-01 (v2): memory.max, memory.low"
	assert_match "$OUT" "swap.max=(33554432|none)" "CGMEM-01 (v2): memory.swap.max = swap - limit"
	assert_contains "$OUT" "linux.resources.memory.swappiness: cgroup v2 has no swappiness" \
		"CGMEM-03 (v2): swappiness is refused"
	assert_contains "$OUT" "linux.resources.memory.limit: write -2 to memory.max: Invalid argument" \
		"a value the kernel refuses names the field and the file"
	assert_not_contains "$OUT" "LEFT-" "LIFE-11 (v2): a failed create leaves no cgroup"
	assert_contains "$OUT" "INSIDE-DONE" "the scenario ran to its end"
}

run_case case_devices_docker
run_case case_devices_v1_list
run_case case_devices_invalid
run_case case_pids
run_case case_memory_v1
run_case case_memory_refused
run_case case_pure_v1
run_case case_v2_only
finish
