#!/bin/bash
# The whole runtime on the other cgroup layouts: a pure-v1 host
# (../shared/v1only) and a cgroup-v2-only kernel under qemu
# (../shared/qemu-v2). On each: the init lands in its cgroup, the cgroup
# mount shows the container's own cgroups (with and without a cgroup
# namespace), an absolute cgroupsPath lands where it says, and delete
# removes every directory create made.
# Checklist: CG-01, CG-05, CG-06, OP-19, MNT-05 (cgroup mount), NS-05 (cgroup).
source "$ARCA_TESTS/lib/common.bash"
SHARED=${ARCA_SHARED:-$(cd "$ARCA_TESTS/../.." && pwd)/shared}

CGROUP_MOUNT='{"destination": "/sys/fs/cgroup", "type": "cgroup", "source": "cgroup",
	"options": ["nosuid", "noexec", "nodev", "ro"]}'
PROBE='cat /proc/self/cgroup; echo mount:; ls /sys/fs/cgroup'

# CG-06, NS-05 on a pure-v1 host: the init's cgroup is /arca/<id> in every
# hierarchy; in a cgroup namespace it sees "/" and its own pids.max.
case_pure_v1() {
	[ -x "$SHARED/v1only" ] || skip_case "no $SHARED/v1only (the pure-v1 view of this host)"
	local b=$T/b-v1 id
	mkbundle "$b" '.mounts += [$m]' --argjson m "$CGROUP_MOUNT"
	sh_args "$b" "$PROBE"
	id=$(new_id)
	capture "$SHARED/v1only" "$ARCA" --root "$T/state" run --bundle "$b" "$id"
	assert_ok "CG-06: run on a pure-v1 host: $ERR"
	assert_contains "$OUT" ":pids:/arca/$id" "CG-05: the init is in /arca/<id> of the pids hierarchy"
	assert_contains "$OUT" ":memory:/arca/$id" "CG-05: ... and of the memory hierarchy"
	assert_not_contains "$OUT" "unified" "MNT-05: a pure-v1 host has no unified directory to show"
	assert_contains "$OUT" "pids" "MNT-05: the cgroup mount shows the pids hierarchy"
	assert_gone "$id" "$b" "OP-19: after run on a pure-v1 host"

	cfg "$b" '.linux.namespaces += [{"type": "cgroup"}]'
	sh_args "$b" 'cat /proc/self/cgroup; cat /sys/fs/cgroup/pids/pids.max'
	id=$(new_id)
	capture "$SHARED/v1only" "$ARCA" --root "$T/state" run --bundle "$b" "$id"
	assert_ok "NS-05: run with a cgroup namespace on a pure-v1 host: $ERR"
	assert_contains "$OUT" ":pids:/"$'\n' "NS-05: in its cgroup namespace the init's cgroup is /"
	assert_contains "$OUT" "max" "MNT-05: its own pids.max is readable through the cgroup mount"
	assert_gone "$id" "$b" "OP-19: after run with a cgroup namespace"
}

# The same on a cgroup-v2-only kernel, inside the qemu VM.
case_v2_only() {
	local vm=$SHARED/qemu-v2/vm-run.sh
	[ -x "$vm" ] || skip_case "no $vm (the cgroup-v2 VM)"
	command -v qemu-system-x86_64 >/dev/null ||
		skip_case "qemu is not installed (run $SHARED/qemu-v2/setup.sh)"
	local d=$T/vm
	mkdir -p "$d"
	mkbundle "$d/plain" '.mounts += [$m] | .linux.cgroupsPath = "/arca-it/abs"' \
		--argjson m "$CGROUP_MOUNT"
	sh_args "$d/plain" "$PROBE"
	mkbundle "$d/ns" '.mounts += [$m] | .linux.namespaces += [{"type": "cgroup"}]' \
		--argjson m "$CGROUP_MOUNT"
	sh_args "$d/ns" 'cat /proc/self/cgroup; ls /sys/fs/cgroup'
	cat >"$d/inside.sh" <<'EOF'
#!/bin/sh
# Runs in the VM (busybox sh): prints what the host checks, exits non-zero
# when a step fails.
arca="$1 --root $PWD/state"
$arca run --bundle "$PWD/plain" v2plain || exit 1
[ ! -e /sys/fs/cgroup/arca-it/abs ] || { echo "LEFT /sys/fs/cgroup/arca-it/abs"; exit 1; }
$arca run --bundle "$PWD/ns" v2ns || exit 1
[ ! -e /sys/fs/cgroup/arca/v2ns ] || { echo "LEFT /sys/fs/cgroup/arca/v2ns"; exit 1; }
$arca create --bundle "$PWD/ns" v2created </dev/null >/dev/null 2>&1 || exit 1
[ -d /sys/fs/cgroup/arca/v2created ] && echo "CREATED-DIR present"
grep -q . /sys/fs/cgroup/arca/v2created/cgroup.procs && echo "CREATED-PROCS present"
$arca delete v2created || exit 1
[ ! -e /sys/fs/cgroup/arca/v2created ] && echo "DELETED-DIR gone"
echo "INSIDE-DONE"
EOF
	capture env VM_COPY="$ARCA" VM_TIMEOUT=120 "$vm" "$d" sh "$d/inside.sh" "$ARCA"
	assert_ok "the v2 scenario in the VM: $OUT $ERR"
	assert_contains "$OUT" "0::/arca-it/abs" "CG-01: an absolute cgroupsPath lands at that path on v2"
	assert_contains "$OUT" "cgroup.procs" "MNT-05: the cgroup mount is cgroup2 on a v2 host"
	assert_contains "$OUT" "0::/"$'\n' "NS-05: in its cgroup namespace the init's cgroup is /"
	assert_contains "$OUT" "CREATED-DIR present" "CG-06: create makes /arca/<id> on v2"
	assert_contains "$OUT" "CREATED-PROCS present" "CG-06: the created init is in it"
	assert_contains "$OUT" "DELETED-DIR gone" "OP-19: delete removes it"
	assert_contains "$OUT" "INSIDE-DONE" "the scenario ran to its end"
}

run_case case_pure_v1
run_case case_v2_only
finish
