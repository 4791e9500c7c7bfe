#!/bin/bash
# bench/run.sh [ARCA]: arca against runc and crun on one bundle.
#
# Times `run` of /bin/true and create+start+delete for the three runtimes,
# and measures the peak RSS of `create`. Every hyperfine invocation runs the
# three commands side by side; ROUNDS invocations alternate (so drift of the
# machine hits all runtimes alike) and their means are pooled.
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
trap 'for rt in arca runc crun; do "$rt" --root "$work/state-$rt" delete -f bench >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT
declare -A bin=([arca]="$arca" [runc]=runc [crun]=crun)
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

# One script per runtime and scenario, so hyperfine runs them without a shell.
make_scripts() {
	for name in arca runc crun; do
		cat >"$work/run-$name" <<EOF
#!/bin/sh
exec ${bin[$name]} --root $work/state-$name run -b $work/bundle bench
EOF
		cat >"$work/cycle-$name" <<EOF
#!/bin/sh
set -e
${bin[$name]} --root $work/state-$name create -b $work/bundle bench
${bin[$name]} --root $work/state-$name start bench
${bin[$name]} --root $work/state-$name delete -f bench
EOF
		chmod +x "$work/run-$name" "$work/cycle-$name"
	done
}

# Pools ROUNDS hyperfine exports: mean of means, and the ratios to arca.
bench() {
	local scenario=$1
	for round in $(seq "$rounds"); do
		hyperfine -N --warmup 3 --runs "$runs" --style none \
			--export-json "$work/$scenario-$round.json" \
			-n arca "$work/$scenario-arca" -n runc "$work/$scenario-runc" \
			-n crun "$work/$scenario-crun" >/dev/null 2>>"$work/hyperfine.log"
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
make_scripts
echo "arca $("$arca" --version | head -n1 | cut -d' ' -f3), $(runc --version | head -n1), $(crun --version | head -n1)"
echo "$rounds rounds x $runs runs, pure-v1 cgroups (../shared/v1only), $(nproc) CPUs, kernel $(uname -r)"
printf 'scenario\truntime\tmean\tratio\n'
bench run
bench cycle
for name in arca runc crun; do peak_rss "$name"; done
