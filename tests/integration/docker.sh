#!/bin/bash
# docker drives arca: dockerd (`--add-runtime` through its daemon.json) and
# its containerd runc shim create, start, exec into, stop and delete
# containers with arca, from the configs docker writes (its default seccomp
# profile, masked paths, device rules, cpu/blkio/memory/pids resources).
# A private dockerd (vfs storage, no iptables, no bridge) runs in the test's
# temp dir, so the host's docker, if any, is not touched.
# Checklist: §C (what runc's callers depend on), LIFE-01..13 through a real
# caller, CG-06 (docker's resources applied), SECC-01 (docker's profile).
source "$ARCA_TESTS/lib/common.bash"
command -v dockerd >/dev/null && command -v docker >/dev/null ||
	skip "docker is not installed (apt-get install -y docker.io)"

D=$T/docker
export DOCKER_HOST=unix://$D/docker.sock
IMAGE=arca-test-busybox:latest

docker_up() {
	mkdir -p "$D"
	jq -n --arg arca "$ARCA" --arg d "$D" '{
		runtimes: {arca: {path: $arca}}, "default-runtime": "arca",
		"storage-driver": "vfs", iptables: false, bridge: "none",
		"data-root": "\($d)/data", "exec-root": "\($d)/exec", pidfile: "\($d)/docker.pid",
		hosts: ["unix://\($d)/docker.sock"]}' >"$D/daemon.json"
	dockerd --config-file "$D/daemon.json" >"$D/dockerd.log" 2>&1 &
	echo $! >"$D/dockerd.pid"
	wait_until 60 docker version >/dev/null 2>&1 ||
		fail "dockerd did not come up: $(tail -n 5 "$D/dockerd.log")"
}

# dockerd stops the containerd it manages; containers go first
docker_down() {
	[ -f "$D/dockerd.pid" ] || return 0
	local pid
	pid=$(cat "$D/dockerd.pid")
	docker ps -aq 2>/dev/null | xargs -r docker rm -f >/dev/null 2>&1
	kill -TERM "$pid" 2>/dev/null
	wait_until 30 sh -c "! kill -0 $pid 2>/dev/null" || kill -KILL "$pid" 2>/dev/null
	rm -f "$D/dockerd.pid"
}
trap 'rc=$?; docker_down; (exit $rc); _cleanup' EXIT

# the test rootfs, imported as the image every case runs
import_image() {
	_build_rootfs
	tar -C "$ROOTFS_CACHE" --exclude "./$ROOTFS_STAMP" -cf "$D/rootfs.tar" .
	docker import "$D/rootfs.tar" "$IMAGE" >/dev/null
}

# dk ARGS...: docker with a time limit; sets RC, OUT, ERR
dk() {
	capture timeout -k 5 60 docker "$@"
}

case_run_exit_status() {
	dk run --rm "$IMAGE" sh -c 'echo hello from arca; exit 3'
	assert_eq "$RC" 3 "docker run: the container's exit status ($ERR)"
	assert_eq "$OUT" "hello from arca" "docker run: the container's output"
	dk run -d "$IMAGE" sleep 300
	local id=$OUT
	dk kill -s KILL "$id"
	assert_ok "docker kill -s KILL"
	dk wait "$id"
	assert_eq "$OUT" 137 "docker kill: death by SIGKILL is 128+9 ($ERR)"
	dk run --rm "$IMAGE" /no/such/program
	assert_ne "$RC" 0 "docker run of a missing program fails"
	assert_contains "$ERR" "/no/such/program" "the error names the program"
}

# the value of cgroup FILE (v1 name, v2 name) of container ID, read on the host
cgroup_value() {
	local id=$1 v1=$2 v2=$3 ctrl=${2%%.*}
	if [ -d "/sys/fs/cgroup/$ctrl/docker/$id" ]; then
		cat "/sys/fs/cgroup/$ctrl/docker/$id/$v1"
	else
		cat "/sys/fs/cgroup/docker/$id/$v2"
	fi
}

case_resources() {
	local id
	dk run -d -m 64m --pids-limit 50 --cpus 0.5 "$IMAGE" sleep 300
	assert_ok "docker run -d with limits"
	id=$OUT
	assert_eq "$(cgroup_value "$id" memory.limit_in_bytes memory.max)" 67108864 "CG-06: -m 64m"
	assert_eq "$(cgroup_value "$id" pids.max pids.max)" 50 "CG-06: --pids-limit 50"
	assert_match "$(cgroup_value "$id" cpu.cfs_quota_us cpu.max)" '^50000( 100000)?$' "CG-06: --cpus 0.5"
	# docker's device rules: /dev/null usable, anything else not
	dk exec "$id" sh -c 'echo x >/dev/null && echo null ok; mknod /tmp/mem c 1 1 && head -c1 /tmp/mem'
	assert_contains "$OUT" "null ok" "the default devices stay usable under docker's rules"
	assert_contains "$ERR" "Operation not permitted" "a device docker's rules do not allow cannot be read"
}

case_exec() {
	local id
	dk run -d "$IMAGE" sleep 300
	id=$OUT
	dk exec "$id" sh -c 'echo exec ok; exit 4'
	assert_eq "$RC" 4 "docker exec: the process's exit status ($ERR)"
	assert_eq "$OUT" "exec ok" "docker exec: its output"
	dk exec -u 1000:1000 -w /tmp -e FOO=bar "$id" sh -c 'id -u; id -g; pwd; echo $FOO'
	assert_eq "$(echo $OUT)" "1000 1000 /tmp bar" "docker exec -u -w -e"
}

case_stop_and_remove() {
	local id
	dk run -d "$IMAGE" sh -c 'trap "exit 7" TERM; while :; do sleep 1; done'
	id=$OUT
	wait_until 10 sh -c "[ \"\$(docker inspect -f '{{.State.Running}}' $id)\" = true ]" ||
		fail "the container did not run"
	dk stop -t 20 "$id"
	assert_ok "docker stop"
	assert_eq "$(docker inspect -f '{{.State.ExitCode}}' "$id")" 7 "SIGTERM reached the program"
	dk rm "$id"
	assert_ok "docker rm"
	# the shim's state root for a runtime other than runc
	assert_file_absent "/run/containerd/runc/moby/$id" "no arca state is left behind"
}

case_default_profile() {
	dk run --rm "$IMAGE" grep Seccomp: /proc/self/status
	assert_ok "docker run under docker's default seccomp profile"
	assert_match "$OUT" 'Seccomp:[[:space:]]+2' "SECC-01: the program runs filtered"
	dk run --rm --security-opt seccomp=unconfined "$IMAGE" grep Seccomp: /proc/self/status
	assert_match "$OUT" 'Seccomp:[[:space:]]+0' "seccomp=unconfined: no filter"
}

docker_up
import_image
run_case case_run_exit_status
run_case case_resources
run_case case_exec
run_case case_stop_and_remove
run_case case_default_profile
finish
