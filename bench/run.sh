#!/bin/bash
# bench/run.sh [ARCA]: arca against runc and crun on one bundle.
#
# Times `run` of /bin/true (without and with a docker-sized seccomp profile)
# and create+start+delete for the three runtimes,
# and measures the peak RSS of `create`. Every hyperfine invocation runs the
# commands side by side; ROUNDS invocations alternate (so drift of the
# machine hits all runtimes alike) and their means are pooled.
#
# arca-ro is the same arca binary on a read-only bind mount: there it skips
# the copy into a sealed memfd and the re-exec that protect the host binary
# (util/protect.c, CVE-2019-5736), so arca - arca-ro is what that costs.
#
# crun 1.8 refuses this host's hybrid cgroup layout, so the whole benchmark
# runs inside ../shared/v1only: a private mount namespace whose
# /sys/fs/cgroup shows only the v1 hierarchies. All three runtimes see the
# same pure-v1 host, the same bundle (ociVersion 1.0.2, which crun 1.8
# accepts) and the same namespaces.
#
# Needs root, hyperfine, runc, crun, GNU time and busybox-static:
#   apt-get install -y hyperfine runc crun time busybox-static jq
# Not part of the test run: speed is measured here, never asserted by tests.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
arca=$(realpath "${1:-$here/../build-rel/arca}")
shared=${ARCA_SHARED:-$(cd "$here/../.." && pwd)/shared}
rounds=${ROUNDS:-5}
runs=${RUNS:-40}

[ "$(id -u)" = 0 ] || { echo "bench: needs root" >&2; exit 1; }
for tool in hyperfine runc crun jq /usr/bin/time busybox; do
	command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done
[ -x "$arca" ] || { echo "bench: no arca binary at $arca (build with -DCMAKE_BUILD_TYPE=Release)" >&2; exit 1; }

if [ "${ARCA_BENCH_INNER:-}" != 1 ]; then
	exec env ARCA_BENCH_INNER=1 "$shared/v1only" bash "$0" "$arca"
fi

work=$(mktemp -d /tmp/arca-bench.XXXXXX)
runtimes=(arca arca-ro runc crun)
cleanup() {
	for name in "${runtimes[@]}"; do rt "$name" delete -f bench >/dev/null 2>&1 || true; done
	umount "$work/ro" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
mkdir "$work/ro"
cp "$arca" "$work/ro/arca"
mount --bind "$work/ro" "$work/ro"
mount -o remount,bind,ro "$work/ro"
declare -A bin=([arca]="$arca" [arca-ro]="$work/ro/arca" [runc]=runc [crun]=crun)
rt() { "${bin[$1]}" --root "$work/state-$1" "${@:2}"; }

make_bundle() {
	local rootfs=$work/bundle/rootfs
	mkdir -p "$rootfs/bin" "$rootfs/proc" "$rootfs/dev" "$rootfs/sys" "$rootfs/tmp"
	cp "$(command -v busybox)" "$rootfs/bin/busybox"
	for applet in sh true sleep; do ln -s busybox "$rootfs/bin/$applet"; done
	cat >"$work/bundle/config.json" <<'EOF'
{
  "ociVersion": "1.0.2",
  "process": {"terminal": false, "user": {"uid": 0, "gid": 0},
              "args": ["/bin/true"], "env": ["PATH=/bin"], "cwd": "/"},
  "root": {"path": "rootfs"},
  "hostname": "bench",
  "mounts": [
    {"destination": "/proc", "type": "proc", "source": "proc"},
    {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
    {"destination": "/dev/pts", "type": "devpts", "source": "devpts", "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"]},
    {"destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]},
    {"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue", "options": ["nosuid", "noexec", "nodev"]},
    {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]}
  ],
  "linux": {"namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"},
                           {"type": "uts"}, {"type": "mount"}]}
}
EOF
}

# bundle-seccomp: the same with a profile of docker's size and shape (ERRNO
# by default, an allow list of every x86_64 system call but the dangerous
# ones, argument rules): what building and loading a real filter costs.
make_seccomp_bundle() {
	local unistd=/usr/include/x86_64-linux-gnu/asm/unistd_64.h deny names
	[ -r "$unistd" ] || { echo "bench: $unistd is missing (apt-get install linux-libc-dev)" >&2; exit 1; }
	deny='^(acct|add_key|bpf|clock_settime|clone3|delete_module|finit_module|init_module|kexec_file_load|kexec_load|keyctl|mount|move_mount|open_by_handle_at|perf_event_open|personality|pivot_root|ptrace|reboot|request_key|setns|swapoff|swapon|umount2|unshare|userfaultfd)$'
	names=$(sed -n 's/^#define __NR_\([a-z0-9_]*\) .*/\1/p' "$unistd" | grep -Ev "$deny" | jq -R . | jq -cs .)
	mkdir -p "$work/bundle-seccomp"
	jq --argjson n "$names" --arg root "$work/bundle/rootfs" '.root.path = $root | .linux.seccomp = {
		defaultAction: "SCMP_ACT_ERRNO",
		architectures: ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
		syscalls: [{names: $n, action: "SCMP_ACT_ALLOW"},
			{names: ["personality"], action: "SCMP_ACT_ALLOW", args: [{index: 0, value: 0, op: "SCMP_CMP_EQ"}]},
			{names: ["personality"], action: "SCMP_ACT_ALLOW", args: [{index: 0, value: 8, op: "SCMP_CMP_EQ"}]},
			{names: ["clone3"], action: "SCMP_ACT_ERRNO", errnoRet: 38}]}' \
		"$work/bundle/config.json" >"$work/bundle-seccomp/config.json"
}

# One script per runtime and scenario, so hyperfine runs them without a shell.
make_scripts() {
	for name in "${runtimes[@]}"; do
		cat >"$work/run-$name" <<EOF
#!/bin/sh
exec ${bin[$name]} --root $work/state-$name run -b $work/bundle bench
EOF
		cat >"$work/seccomp-$name" <<EOF
#!/bin/sh
exec ${bin[$name]} --root $work/state-$name run -b $work/bundle-seccomp bench
EOF
		cat >"$work/cycle-$name" <<EOF
#!/bin/sh
set -e
${bin[$name]} --root $work/state-$name create -b $work/bundle bench
${bin[$name]} --root $work/state-$name start bench
${bin[$name]} --root $work/state-$name delete -f bench
EOF
		chmod +x "$work/run-$name" "$work/seccomp-$name" "$work/cycle-$name"
	done
}

# Pools ROUNDS hyperfine exports: mean of means, and the ratios to arca.
bench() {
	local scenario=$1
	for round in $(seq "$rounds"); do
		hyperfine -N --warmup 3 --runs "$runs" --style none \
			--export-json "$work/$scenario-$round.json" \
			-n arca "$work/$scenario-arca" -n arca-ro "$work/$scenario-arca-ro" \
			-n runc "$work/$scenario-runc" -n crun "$work/$scenario-crun" >/dev/null 2>>"$work/hyperfine.log" ||
			{ tail -n 20 "$work/hyperfine.log" >&2; exit 1; }
	done
	jq -rs --arg s "$scenario" '
		[.[].results[]] | group_by(.command)
		| map({rt: .[0].command, ms: ((map(.mean) | add / length) * 1000),
		       sd: ((map(.stddev) | add / length) * 1000)})
		| (map(select(.rt == "arca"))[0].ms) as $a
		| .[] | "\($s)\t\(.rt)\t\(.ms * 100 | round / 100) ms ± \(.sd * 100 | round / 100)\t\(.ms / $a * 100 | round / 100)x arca"' \
		"$work"/"$scenario"-*.json
}

# The container's init keeps create's stdio: it must not be a pipe we read.
peak_rss() {
	local name=$1
	/usr/bin/time -f '%M' -o "$work/rss-$name" "${bin[$name]}" --root "$work/state-$name" \
		create -b "$work/bundle" bench </dev/null >/dev/null 2>&1
	rt "$name" delete -f bench >/dev/null
	printf 'create-rss\t%s\t%s KiB\n' "$name" "$(tail -n1 "$work/rss-$name")"
}

make_bundle
make_seccomp_bundle
make_scripts
echo "arca $("$arca" --version | head -n1 | cut -d' ' -f3), $(runc --version | head -n1), $(crun --version | head -n1)"
echo "$rounds rounds x $runs runs, pure-v1 cgroups (../shared/v1only), $(nproc) CPUs, kernel $(uname -r)"
printf 'scenario\truntime\tmean\tratio\n'
bench run
bench seccomp
bench cycle
for name in "${runtimes[@]}"; do peak_rss "$name"; done
