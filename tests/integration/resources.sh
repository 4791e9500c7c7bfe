#!/bin/bash
# linux.resources applied at create, before the init runs: devices (v1
# devices.allow/deny, v2 eBPF), pids, memory; on this host (hybrid: the
# controllers are v1), a pure-v1 view, and a cgroup-v2-only kernel in qemu.
# A value the kernel refuses fails create naming the field and the file,
# and leaves nothing behind.
# Checklist: CG-06, CG-08, CGDEV-01, CGDEV-02, CGPID-01, CGMEM-01, CGMEM-03,
# CGMEM-04, CGNET-01, CGRDMA-01, CGUNI-01, CGUNI-02, CGUNI-03, LIFE-11.
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

cpu_dir() { echo "/sys/fs/cgroup/$1/arca/$2"; }

# CGCPU-01/04/05 on the host's v1 cpu and cpuset hierarchies, read from the
# host and, for the cpuset, from inside
case_cpu_v1() {
	[ -d /sys/fs/cgroup/cpu ] || skip_case "no v1 cpu hierarchy here"
	local b=$T/b-cpu id d
	mkbundle "$b" '.linux.resources.cpu = {"shares": 512, "quota": 50000, "period": 200000,
		"burst": 10000, "cpus": "0", "mems": "0"}'
	sh_args "$b" 'grep Cpus_allowed_list /proc/self/status'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "run with cpu limits: $ERR"
	assert_match "$OUT" "Cpus_allowed_list:[[:space:]]+0$" "CGCPU-04: inside, the init runs on cpu 0 only"
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_ok "create with cpu limits: $ERR"
	d=$(cpu_dir cpu "$id")
	assert_eq "$(cat "$d/cpu.shares")" 512 "CGCPU-01: shares -> cpu.shares"
	assert_eq "$(cat "$d/cpu.cfs_quota_us")" 50000 "CGCPU-01: quota -> cpu.cfs_quota_us"
	assert_eq "$(cat "$d/cpu.cfs_period_us")" 200000 "CGCPU-01: period -> cpu.cfs_period_us"
	[ -e "$d/cpu.cfs_burst_us" ] &&
		assert_eq "$(cat "$d/cpu.cfs_burst_us")" 10000 "CGCPU-01: burst -> cpu.cfs_burst_us"
	assert_eq "$(cat "$(cpu_dir cpuset "$id")/cpuset.cpus")" 0 "CGCPU-04: cpus -> cpuset.cpus"
	assert_eq "$(cat "$(cpu_dir cpuset "$id")/cpuset.mems")" 0 "CGCPU-04: mems -> cpuset.mems"

	cfg "$b" '.linux.resources.cpu = {"idle": 1, "realtimePeriod": 500000}'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_ok "create with cpu idle and a realtime period: $ERR"
	d=$(cpu_dir cpu "$id")
	assert_eq "$(cat "$d/cpu.idle")" 1 "CGCPU-05: idle -> cpu.idle"
	assert_eq "$(cat "$d/cpu.rt_period_us")" 500000 "CGCPU-03: realtimePeriod -> cpu.rt_period_us"

	# CGCPU-06: an empty object keeps the kernel's defaults
	cfg "$b" '.linux.resources.cpu = {}'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_ok "create with an empty cpu object: $ERR"
	d=$(cpu_dir cpu "$id")
	assert_eq "$(cat "$d/cpu.shares") $(cat "$d/cpu.cfs_quota_us")" "1024 -1" "CGCPU-06: defaults stay"
}

# refused values: the field and the file are named, nothing is left behind
case_cpu_refused() {
	[ -d /sys/fs/cgroup/cpu ] || skip_case "no v1 cpu hierarchy here"
	local b=$T/b-cpux id
	mkbundle "$b" '.linux.resources.cpu = {"cpus": "99"}'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_failed "create with cpus 99"
	assert_contains "$ERR" "linux.resources.cpu.cpus: write 99 to cpuset.cpus: " \
		"the error names the field and the file"
	assert_gone "$id" "$b" "LIFE-11: after refused cpus"
	cfg "$b" '.linux.resources.cpu = {"shares": 1000000}'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_failed "create with shares 1000000"
	assert_contains "$ERR" "linux.resources.cpu.shares: the maximum allowed cpu-shares is 262144" \
		"the kernel's clamp is an error, as with runc"
	assert_gone "$id" "$b" "LIFE-11: after refused shares"
	cfg "$b" '.linux.resources.cpu = {"quota": 1000, "burst": 5000}'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_failed "create with burst above quota"
	assert_contains "$ERR" "linux.resources.cpu.burst: 5000 is above the quota 1000" "CGCPU-02"
	assert_gone "$id" "$b" "LIFE-11: after a refused burst"
	if [ "$(cat /sys/fs/cgroup/cpu/arca/cpu.rt_runtime_us 2>/dev/null)" = 0 ]; then
		cfg "$b" '.linux.resources.cpu = {"realtimeRuntime": 1000}'
		id=$(new_id)
		create_ctr "$id" "$b"
		assert_failed "create with a realtime runtime the parent does not have"
		assert_contains "$ERR" "linux.resources.cpu.realtimeRuntime: write 1000 to cpu.rt_runtime_us" \
			"CGCPU-03: the refused runtime names the field and the file"
		assert_gone "$id" "$b" "LIFE-11: after a refused realtime runtime"
	fi
}

huge_dir() { echo "/sys/fs/cgroup/unified/arca/$1"; }

# CGHUGE-01/02: on this hybrid host hugetlb lives on the cgroup2 tree
case_hugetlb_hybrid() {
	[ -e "/sys/fs/cgroup/unified/cgroup.controllers" ] || skip_case "no cgroup2 tree here"
	grep -qw hugetlb /sys/fs/cgroup/unified/cgroup.controllers || skip_case "no hugetlb on cgroup2"
	[ -d /sys/kernel/mm/hugepages/hugepages-2048kB ] || skip_case "no 2MB huge pages"
	local b=$T/b-huge id d
	mkbundle "$b" '.linux.resources.hugepageLimits = [{"pageSize": "2048KB", "limit": 4194304}]'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_ok "create with a huge page limit: $ERR"
	d=$(huge_dir "$id")
	assert_eq "$(cat "$d/hugetlb.2MB.max")" 4194304 "CGHUGE-01: 2048KB -> hugetlb.2MB.max"
	[ -e "$d/hugetlb.2MB.rsvd.max" ] &&
		assert_eq "$(cat "$d/hugetlb.2MB.rsvd.max")" 4194304 "CGHUGE-01: ... and hugetlb.2MB.rsvd.max"
	cfg "$b" '.linux.resources.hugepageLimits = [{"pageSize": "2MB", "limit": 2097152},
		{"pageSize": "3MB", "limit": 2097152}]'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_failed "create with page size 3MB"
	assert_contains "$ERR" "linux.resources.hugepageLimits[1].pageSize: 3MB is not a huge page size of this host" \
		"CGHUGE-02: the error names the field"
	assert_gone "$id" "$b" "LIFE-11: after a refused page size"
}

# a member for a controller the host lacks is an error naming it
case_hugetlb_v1only() {
	[ -x "$SHARED/v1only" ] || skip_case "no $SHARED/v1only"
	[ -d /sys/fs/cgroup/hugetlb ] && skip_case "this host has a v1 hugetlb hierarchy"
	local b=$T/b-hv1 id
	mkbundle "$b" '.linux.resources.hugepageLimits = [{"pageSize": "2MB", "limit": 2097152}]'
	id=$(new_id)
	capture "$SHARED/v1only" "$ARCA" --root "$T/state" create --bundle "$b" "$id"
	assert_failed "create with a huge page limit and no hugetlb controller"
	assert_contains "$ERR" "linux.resources.hugepageLimits: the host has no hugetlb cgroup controller" \
		"the error names the field and the controller"
	assert_gone "$id" "$b" "LIFE-11: after a missing controller"
}

# CGBLK-01..03 on the host's v1 blkio hierarchy, with the first disk
case_blkio_v1() {
	[ -d /sys/fs/cgroup/blkio ] || skip_case "no v1 blkio hierarchy here"
	local dev b=$T/b-blk id d maj min
	dev=$(lsblk -dn -o MAJ:MIN -e 7,11,253 2>/dev/null | head -1 | tr -d ' ')
	[ -n "$dev" ] || skip_case "no disk here"
	maj=${dev%:*} min=${dev#*:}
	mkbundle "$b" '.linux.resources.blockIO = {
		"throttleReadBpsDevice": [{"major": $a, "minor": $i, "rate": 102400}],
		"throttleWriteBpsDevice": [{"major": $a, "minor": $i, "rate": 204800}],
		"throttleReadIOPSDevice": [{"major": $a, "minor": $i, "rate": 300}],
		"throttleWriteIOPSDevice": [{"major": $a, "minor": $i, "rate": 400}]}' \
		--argjson a "$maj" --argjson i "$min"
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_ok "create with block io throttles: $ERR"
	d=/sys/fs/cgroup/blkio/arca/$id
	assert_eq "$(cat "$d/blkio.throttle.read_bps_device")" "$dev 102400" "CGBLK-03: read bps"
	assert_eq "$(cat "$d/blkio.throttle.write_bps_device")" "$dev 204800" "CGBLK-03: write bps"
	assert_eq "$(cat "$d/blkio.throttle.read_iops_device")" "$dev 300" "CGBLK-03: read iops"
	assert_eq "$(cat "$d/blkio.throttle.write_iops_device")" "$dev 400" "CGBLK-03: write iops"
	if [ ! -e /sys/fs/cgroup/blkio/arca/blkio.weight ] && [ ! -e /sys/fs/cgroup/blkio/arca/blkio.bfq.weight ]; then
		cfg "$b" '.linux.resources.blockIO = {"weight": 500}'
		id=$(new_id)
		create_ctr "$id" "$b"
		assert_failed "create with a weight and no weight file"
		assert_contains "$ERR" "linux.resources.blockIO.weight: write 500 to blkio.bfq.weight: No such file" \
			"the error names the field and the file"
		assert_gone "$id" "$b" "LIFE-11: after a refused weight"
	fi
	cfg "$b" '.linux.resources.blockIO = {"weightDevice": [{"major": 8, "minor": 0}]}'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_failed "create with a weightDevice entry without weights"
	assert_contains "$ERR" "linux.resources.blockIO.weightDevice[0]: neither weight nor leafWeight" \
		"CGBLK-02: the entry is invalid"
	assert_gone "$id" "$b" "LIFE-11: after an invalid weightDevice"
	cfg "$b" '.linux.resources.blockIO = {"throttleReadBpsDevice": [{"major": 4095, "minor": 9, "rate": 1}]}'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_failed "create with a throttle on a device that does not exist"
	assert_contains "$ERR" "linux.resources.blockIO.throttleReadBpsDevice[0]: write 4095:9 1 to blkio.throttle.read_bps_device" \
		"the error names the field and the file"
	assert_gone "$id" "$b" "LIFE-11: after a refused throttle"
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

# cpu and hugepageLimits on a cgroup-v2-only kernel: the v2 files, the
# conversions, the refusals
case_v2_more() {
	local vm=$SHARED/qemu-v2/vm-run.sh
	[ -x "$vm" ] || skip_case "no $vm (the cgroup-v2 VM)"
	command -v qemu-system-x86_64 >/dev/null || skip_case "qemu is not installed"
	local d=$T/vm2
	mkdir -p "$d"
	mkbundle "$d/cpu" '.linux.resources.cpu = {"shares": 1024, "quota": 50000, "period": 200000,
		"burst": 10000, "idle": 0, "cpus": "0", "mems": "0"} |
		.linux.resources.hugepageLimits = [{"pageSize": "2048KB", "limit": 4194304}]'
	sh_args "$d/cpu" 'grep Cpus_allowed_list /proc/self/status'
	mkbundle "$d/max" '.linux.resources.cpu = {"quota": -1, "period": 300000}'
	mkbundle "$d/rt" '.linux.resources.cpu = {"realtimeRuntime": 1000}'
	mkbundle "$d/huge" '.linux.resources.hugepageLimits = [{"pageSize": "3MB", "limit": 0}]'
	mkbundle "$d/io" '.linux.resources.blockIO = {"weight": 500, "leafWeight": 300,
		"throttleReadBpsDevice": [{"major": 7, "minor": 0, "rate": 102400}],
		"throttleWriteIOPSDevice": [{"major": 7, "minor": 0, "rate": 400}]}'
	cat >"$d/inside.sh" <<'EOS'
#!/bin/sh
arca="$1 --root $PWD/state"
c=/sys/fs/cgroup/arca
echo RUN:; $arca run --bundle "$PWD/cpu" v2run 2>&1
$arca create --bundle "$PWD/cpu" v2c </dev/null >/dev/null 2>&1 || echo CREATE-FAILED
echo "weight=$(cat $c/v2c/cpu.weight) max=$(cat $c/v2c/cpu.max) burst=$(cat $c/v2c/cpu.max.burst) idle=$(cat $c/v2c/cpu.idle) cpus=$(cat $c/v2c/cpuset.cpus) mems=$(cat $c/v2c/cpuset.mems)"
echo "huge=$(cat $c/v2c/hugetlb.2MB.max) rsvd=$(cat $c/v2c/hugetlb.2MB.rsvd.max)"
$arca delete -f v2c
$arca create --bundle "$PWD/max" v2m </dev/null >/dev/null 2>&1 || echo CREATE-FAILED
echo "maxonly=$(cat $c/v2m/cpu.max)"
$arca delete -f v2m
$arca create --bundle "$PWD/io" v2io </dev/null >/dev/null 2>&1 || echo CREATE-FAILED
echo "ioweight=$(cat $c/v2io/io.weight | tr '\n' ' ')"; echo "iomax=$(cat $c/v2io/io.max)"
$arca delete -f v2io
echo RT:; $arca create --bundle "$PWD/rt" v2rt </dev/null 2>&1 >/dev/null
[ -e $c/v2rt ] && echo LEFT-v2rt
echo HUGE:; $arca create --bundle "$PWD/huge" v2h </dev/null 2>&1 >/dev/null
[ -e $c/v2h ] && echo LEFT-v2h
echo INSIDE-DONE
EOS
	capture env VM_COPY="$ARCA" VM_TIMEOUT=150 "$vm" "$d" sh "$d/inside.sh" "$ARCA"
	assert_ok "the v2 scenario in the VM: $OUT $ERR"
	assert_match "$OUT" "Cpus_allowed_list:[[:space:]]+0" "CGCPU-04 (v2): inside, cpu 0 only"
	assert_contains "$OUT" "weight=39 max=50000 200000 burst=10000 idle=0 cpus=0 mems=0" \
		"CGCPU-01/04/05 (v2): cpu.weight from shares, cpu.max, cpu.max.burst, cpu.idle, cpuset"
	assert_contains "$OUT" "huge=4194304 rsvd=4194304" "CGHUGE-01 (v2): hugetlb.2MB.max and .rsvd.max"
	assert_contains "$OUT" "ioweight=default 4950" "CGBLK-01 (v2): io.weight from runc's conversion"
	assert_contains "$OUT" "iomax=7:0 rbps=102400 wbps=max riops=max wiops=400" "CGBLK-03 (v2): io.max"
	assert_contains "$OUT" "maxonly=max 300000" "CGCPU-01 (v2): a negative quota is max"
	assert_contains "$OUT" "linux.resources.cpu.realtimeRuntime: cgroup v2 has no realtime group scheduling" \
		"CGCPU-03 (v2): realtime is refused"
	assert_contains "$OUT" "linux.resources.hugepageLimits[0].pageSize: 3MB is not a huge page size" \
		"CGHUGE-02 (v2): an unknown page size is refused"
	assert_not_contains "$OUT" "LEFT-" "LIFE-11 (v2): a failed create leaves no cgroup"
	assert_not_contains "$OUT" "CREATE-FAILED" "the creates succeeded"
	assert_contains "$OUT" "INSIDE-DONE" "the scenario ran to its end"
}

# CGNET-01, CGRDMA-01: a member for a controller this host lacks is an error
# naming it, and leaves nothing behind
case_net_rdma_missing() {
	[ -d /sys/fs/cgroup/net_cls ] && skip_case "this host has a net_cls hierarchy"
	[ -d /sys/fs/cgroup/rdma ] && skip_case "this host has an rdma hierarchy"
	local b=$T/b-nm id
	mkbundle "$b" '.linux.resources.network = {"classID": 255}'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_failed "create with a classID and no net_cls controller"
	assert_contains "$ERR" "linux.resources.network.classID: the host has no net_cls cgroup controller" \
		"CGNET-01: the error names the field and the controller"
	assert_gone "$id" "$b" "LIFE-11: after a missing net_cls"
	cfg "$b" '.linux.resources.network = {"priorities": [{"name": "lo", "priority": 10}]}'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_contains "$ERR" "linux.resources.network.priorities: the host has no net_prio cgroup controller" \
		"CGNET-01: a missing net_prio is named"
	assert_gone "$id" "$b" "LIFE-11: after a missing net_prio"
	cfg "$b" 'del(.linux.resources.network) | .linux.resources.rdma = {"mlx5_0": {"hcaHandles": 3}}'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_failed "create with an rdma limit and no rdma controller"
	assert_contains "$ERR" "linux.resources.rdma: the host has no rdma cgroup controller" \
		"CGRDMA-01: a missing rdma controller is named"
	assert_gone "$id" "$b" "LIFE-11: after a missing rdma controller"
	cfg "$b" '.linux.resources.rdma = {} | .linux.resources.network = {"classID": 0}'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_ok "an empty rdma map and classID 0 (unset, as in runc) ask for nothing: $ERR"
}

# CGNET-01 on a v1 net_cls,net_prio hierarchy mounted in a private view
case_network_v1() {
	# only a hierarchy the host mounts itself: a v1 hierarchy mounted here
	# would outlive the test in the kernel (every process's cgroup file then
	# shows it), which changes the host for everything that runs after
	awk '{ for (i = 7; i <= NF; i++) if ($i == "-") break
	       if ($(i + 1) == "cgroup" && $(i + 3) ~ /(^|,)net_cls(,|$)/ && $(i + 3) ~ /(^|,)net_prio(,|$)/) f = 1 }
	     END { exit !f }' /proc/self/mountinfo ||
		skip_case "the host mounts no net_cls,net_prio hierarchy (a test must not make one: it would outlive the test)"
	local b=$T/b-net id s=$T/net.sh
	mkbundle "$b" '.linux.resources.network = {"classID": 1048577,
		"priorities": [{"name": "lo", "priority": 10}]}'
	id=$(new_id)
	cat >"$s" <<'EOS'
set -e
v=$1; shift
mkdir -p "$v"; mount --rbind /sys/fs/cgroup "$v"; mount -t tmpfs tmpfs /sys/fs/cgroup
for c in $(ls "$v"); do mkdir -p /sys/fs/cgroup/$c; mount --bind "$v/$c" /sys/fs/cgroup/$c; done
umount -l "$v"
n=/sys/fs/cgroup/net_cls,net_prio
set +e
a="$1 --root $2"; id=$3 b=$4
$a create --bundle "$b" "$id" </dev/null >/dev/null 2>&1 || echo CREATE-FAILED
echo "classid=$(cat $n/arca/$id/net_cls.classid) prio=$(grep '^lo ' $n/arca/$id/net_prio.ifpriomap)"
$a delete -f "$id"; [ -e $n/arca/$id ] && echo LEFT-$id
jq '.linux.resources.network.priorities = [{"name": "nosuch0", "priority": 1}]' "$b/config.json" >"$b/c2"
mv "$b/c2" "$b/config.json"
$a create --bundle "$b" "$id" </dev/null 2>&1 >/dev/null
[ -e $n/arca/$id ] && echo LEFT-$id
rmdir $n/arca 2>/dev/null; echo NET-DONE
EOS
	capture unshare -m --propagation private sh "$s" "$T/.cgnet" "$ARCA" "$T/state" "$id" "$b"
	assert_contains "$OUT" "NET-DONE" "the net_cls scenario ran: $OUT $ERR"
	assert_not_contains "$OUT" "CREATE-FAILED" "CGNET-01: create with classID and priorities"
	assert_contains "$OUT" "classid=1048577 prio=lo 10" "CGNET-01: net_cls.classid, net_prio.ifpriomap"
	assert_contains "$OUT" "linux.resources.network.priorities[0]: write nosuch0 1 to net_prio.ifpriomap" \
		"CGNET-01: an interface the kernel refuses names the entry and the file"
	assert_not_contains "$OUT" "LEFT-" "LIFE-11: nothing is left in net_cls"
	assert_gone "$id" "$b" "LIFE-11: after the net_cls scenario"
}

# CGUNI-01..03 on this hybrid host: keys of the cgroup2 tree's controllers
# are written, those of v1 controllers refused
case_unified_hybrid() {
	[ -e "/sys/fs/cgroup/unified/cgroup.controllers" ] || skip_case "no cgroup2 tree here"
	grep -qw hugetlb /sys/fs/cgroup/unified/cgroup.controllers || skip_case "no hugetlb on cgroup2"
	[ -d /sys/fs/cgroup/pids ] || skip_case "no v1 pids hierarchy"
	local b=$T/b-uni id d
	mkbundle "$b" '.linux.resources.unified = {"hugetlb.2MB.max": "2097152", "cgroup.max.depth": "3"}'
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_ok "create with unified keys of the cgroup2 tree: $ERR"
	d=/sys/fs/cgroup/unified/arca/$id
	assert_eq "$(cat "$d/hugetlb.2MB.max")" 2097152 "CGUNI-01: the value is written to the key's file"
	assert_eq "$(cat "$d/cgroup.max.depth")" 3 "CGUNI-01: a cgroup. core file"
	local key msg
	for key in "pids.max:the pids controller is on cgroup v1 on this host" \
		"a/b:the key must be a file name" "..:the key must be a file name" \
		"nodot:the key must be CONTROLLER.PARAMETER" \
		"hugetlb.nosuch:write 1 to hugetlb.nosuch: No such file or directory" \
		"rdma.max:the host has no rdma cgroup controller"; do
		msg=${key#*:}; key=${key%%:*}
		cfg "$b" '.linux.resources.unified = {($k): "1"}' --arg k "$key"
		id=$(new_id)
		create_ctr "$id" "$b"
		assert_failed "create with unified key $key"
		assert_contains "$ERR" "linux.resources.unified.$key: $msg" "CGUNI-01/02: key $key is refused"
		assert_gone "$id" "$b" "LIFE-11: after the refused key $key"
	done
}

# CGUNI-03: unified on a pure cgroup-v1 host
case_unified_v1only() {
	[ -x "$SHARED/v1only" ] || skip_case "no $SHARED/v1only"
	local b=$T/b-uv1 id
	mkbundle "$b" '.linux.resources.unified = {"pids.max": "10"}'
	id=$(new_id)
	capture "$SHARED/v1only" "$ARCA" --root "$T/state" create --bundle "$b" "$id"
	assert_failed "create with unified on cgroup v1"
	assert_contains "$ERR" "linux.resources.unified: invalid configuration: cannot use unified on cgroup v1" \
		"CGUNI-03: unified on v1 is an error, as in runc"
	assert_gone "$id" "$b" "LIFE-11: after unified on v1"
	cfg "$b" '.linux.resources.unified = {}'
	id=$(new_id)
	capture "$SHARED/v1only" "$ARCA" --root "$T/state" create --bundle "$b" "$id"
	assert_ok "an empty unified map on v1 is accepted: $ERR"
	capture "$SHARED/v1only" "$ARCA" --root "$T/state" delete -f "$id"
}

# network, rdma and unified on a cgroup-v2-only kernel
case_v2_net_rdma_unified() {
	local vm=$SHARED/qemu-v2/vm-run.sh
	[ -x "$vm" ] || skip_case "no $vm (the cgroup-v2 VM)"
	command -v qemu-system-x86_64 >/dev/null || skip_case "qemu is not installed"
	local d=$T/vm3
	mkdir -p "$d"
	mkbundle "$d/uni" '.linux.resources.pids.limit = 5 |
		.linux.resources.unified = {"pids.max": "9", "memory.high": "67108864", "cpu.weight": "300"}'
	mkbundle "$d/net" '.linux.resources.network = {"classID": 255}'
	mkbundle "$d/prio" '.linux.resources.network = {"priorities": [{"name": "lo", "priority": 1}]}'
	mkbundle "$d/rdma" '.linux.resources.rdma = {"nosuchdev0": {"hcaHandles": 2, "hcaObjects": 9}}'
	mkbundle "$d/rdma0" '.linux.resources.rdma = {"nosuchdev0": {}}'
	mkbundle "$d/enoent" '.linux.resources.unified = {"memory.nosuch": "1"}'
	cat >"$d/inside.sh" <<'EOS'
#!/bin/sh
arca="$1 --root $PWD/state"
c=/sys/fs/cgroup/arca
$arca create --bundle "$PWD/uni" v2u </dev/null >/dev/null 2>&1 || echo CREATE-FAILED
echo "pids=$(cat $c/v2u/pids.max) high=$(cat $c/v2u/memory.high) weight=$(cat $c/v2u/cpu.weight)"
$arca delete -f v2u
grep -qw rdma /sys/fs/cgroup/cgroup.controllers && echo HAS-RDMA
for t in net prio rdma rdma0 enoent; do
	echo "$t:"; $arca create --bundle "$PWD/$t" v2$t </dev/null 2>&1 >/dev/null
	[ -e $c/v2$t ] && echo LEFT-v2$t
done
echo INSIDE-DONE
EOS
	capture env VM_COPY="$ARCA" VM_TIMEOUT=150 "$vm" "$d" sh "$d/inside.sh" "$ARCA"
	assert_ok "the v2 scenario in the VM: $OUT $ERR"
	assert_contains "$OUT" "pids=9 high=67108864 weight=300" \
		"CGUNI-01 (v2): each value in its file, unified after pids.limit"
	assert_contains "$OUT" "linux.resources.network.classID: cgroup v2 has no net_cls controller" \
		"CGNET-01 (v2): classID is refused"
	assert_contains "$OUT" "linux.resources.network.priorities: cgroup v2 has no net_prio controller" \
		"CGNET-01 (v2): priorities are refused"
	if [[ $OUT == *HAS-RDMA* ]]; then
		assert_contains "$OUT" "linux.resources.rdma.nosuchdev0: write nosuchdev0 hca_handle=2 hca_object=9 to rdma.max" \
			"CGRDMA-01 (v2): the line is written, the kernel's refusal named"
		assert_contains "$OUT" "linux.resources.rdma.nosuchdev0: neither hcaHandles nor hcaObjects is given" \
			"CGRDMA-01 (v2): an entry without limits is invalid"
	fi
	assert_contains "$OUT" "linux.resources.unified.memory.nosuch: write 1 to memory.nosuch: No such file or directory" \
		"CGUNI-01 (v2): a file the kernel lacks names the key"
	assert_not_contains "$OUT" "LEFT-" "LIFE-11 (v2): a failed create leaves no cgroup"
	assert_not_contains "$OUT" "CREATE-FAILED" "the creates succeeded"
	assert_contains "$OUT" "INSIDE-DONE" "the scenario ran to its end"
}

run_case case_devices_docker
run_case case_devices_v1_list
run_case case_devices_invalid
run_case case_pids
run_case case_memory_v1
run_case case_memory_refused
run_case case_cpu_v1
run_case case_cpu_refused
run_case case_hugetlb_hybrid
run_case case_hugetlb_v1only
run_case case_blkio_v1
run_case case_pure_v1
run_case case_v2_only
run_case case_v2_more
run_case case_net_rdma_missing
run_case case_network_v1
run_case case_unified_hybrid
run_case case_unified_v1only
run_case case_v2_net_rdma_unified
finish
