#!/bin/bash
# arca pause / resume / ps: the freezer of the container's cgroup (v1
# freezer.state on this hybrid host and on a pure-v1 view, cgroup.freeze in
# the cgroup-v2 VM), the derived status paused, and ps listing exactly the
# container's processes, as runc does (docker pause, unpause, top).
source "$ARCA_TESTS/lib/common.bash"
SHARED=${ARCA_SHARED:-$(cd "$ARCA_TESTS/../.." && pwd)/shared}

# the container appends a line to /tmp/count (host: rootfs/tmp/count) every 20 ms
COUNTER='while :; do echo x >> /tmp/count; sleep 0.02; done'

count_of() { # BUNDLE
	if [ -e "$1/rootfs/tmp/count" ]; then grep -c '' "$1/rootfs/tmp/count"; else echo 0; fi
}

start_counter() { # ID BUNDLE
	mkbundle "$2"
	sh_args "$2" "$COUNTER"
	create_ctr "$1" "$2"
	assert_ok "create"
	capture arca start "$1"
	assert_ok "start"
	wait_status "$1" running 5
	wait_file "$2/rootfs/tmp/count" 5
}

# the processes of a cgroup as the host sees them (sorted), from the pids
# hierarchy (any v1 one holds every process)
cgroup_pids_of() { # ID
	local m
	for m in $(cgroup_mounts); do
		if [ -e "$m/arca/$1/cgroup.procs" ]; then sort -n "$m/arca/$1/cgroup.procs"; return 0; fi
	done
}

case_pause_resume() {
	local id b=$T/b-pr a c
	id=$(new_id)
	start_counter "$id" "$b"
	capture arca pause "$id"
	assert_ok "pause of a running container: $ERR"
	assert_eq "$(state_field "$id" .status)" paused "state after pause"
	capture arca list --format json
	assert_eq "$(jq -r --arg id "$id" '.[] | select(.id == $id) | .status' <<<"$OUT")" paused \
		"list after pause"
	a=$(count_of "$b")
	sleep 0.5
	c=$(count_of "$b")
	assert_eq "$c" "$a" "a paused container must make no progress"
	capture arca pause "$id"
	assert_failed "pause of a paused container"
	assert_contains "$ERR" "container not running" "pause of a paused container: the message"
	capture arca exec "$id" true
	assert_failed "exec into a paused container without --ignore-paused"
	assert_contains "$ERR" "--ignore-paused" "exec into a paused container: the message"
	capture arca resume "$id"
	assert_ok "resume: $ERR"
	assert_eq "$(state_field "$id" .status)" running "state after resume"
	sleep 0.5
	[ "$(count_of "$b")" -gt "$c" ] || fail "a resumed container must make progress again"
	capture arca resume "$id"
	assert_failed "resume of a running container"
	assert_contains "$ERR" "container not paused" "resume of a running container: the message"
	assert_contains "$ERR" "\"$id\"" "the message names the container"
}

case_pause_not_running() {
	local id b=$T/b-pnr
	id=$(new_id)
	mkbundle "$b"
	sh_args "$b" "$COUNTER"
	create_ctr "$id" "$b"
	assert_ok "create"
	capture arca pause "$id"
	assert_failed "pause of a created container"
	assert_contains "$ERR" "container not running" "pause of a created container: the message"
	assert_contains "$ERR" "\"$id\"" "the message names the container"
	assert_eq "$(state_field "$id" .status)" created "a refused pause changes nothing"
	capture arca resume "$id"
	assert_failed "resume of a created container"
	assert_contains "$ERR" "container not paused" "resume of a created container: the message"
	capture arca start "$id"
	assert_ok "start after the refused pause"
	wait_file "$b/rootfs/tmp/count" 5
	capture arca kill "$id" KILL
	wait_status "$id" stopped 5
	capture arca pause "$id"
	assert_failed "pause of a stopped container"
	assert_contains "$ERR" "container not running" "pause of a stopped container: the message"
	assert_eq "$(state_field "$id" .status)" stopped "a refused pause of a stopped container"
	capture arca ps --format json "$id"
	assert_ok "ps of a stopped container"
	assert_eq "$OUT" "[]" "ps of a stopped container: no process"
}

case_ps() {
	local id b=$T/b-ps want got pid
	id=$(new_id)
	mkbundle "$b"
	sh_args "$b" 'sleep 100 & wait' # a stable set of processes
	create_ctr "$id" "$b"
	assert_ok "create"
	capture arca start "$id"
	assert_ok "start"
	wait_status "$id" running 5
	capture arca exec -d "$id" sleep 77
	assert_ok "exec -d sleep"
	sleep 0.2
	want=$(cgroup_pids_of "$id" | paste -sd,)
	capture arca ps --format json "$id"
	assert_ok "ps --format json: $ERR"
	got=$(jq -r 'sort | map(tostring) | join(",")' <<<"$OUT")
	assert_eq "$got" "$want" "ps --format json lists exactly the cgroup's pids"
	pid=$(state_field "$id" .pid)
	jq -e --argjson p "$pid" 'index($p) != null' <<<"$OUT" >/dev/null ||
		fail "ps --format json lacks the init $pid: $OUT"
	capture arca ps "$id"
	assert_ok "ps (table): $ERR"
	assert_match "$(head -1 <<<"$OUT")" "^UID +PID +PPID" "ps: ps -ef's header first"
	assert_contains "$OUT" "sleep 77" "ps: the exec'd sleep is listed"
	got=$(tail -n +2 <<<"$OUT" | awk '{print $2}' | sort -n | paste -sd,)
	assert_eq "$got" "$want" "ps (table): exactly the container's lines"
	capture arca ps "$id" -o pid,args
	assert_ok "ps with ps arguments"
	assert_match "$(head -1 <<<"$OUT")" "^ *PID +COMMAND" "ps -o pid,args: its header"
	assert_eq "$(tail -n +2 <<<"$OUT" | wc -l)" "$(tr , '\n' <<<"$want" | wc -l)" \
		"ps -o pid,args: one line per container process"
	capture arca pause "$id"
	assert_ok "pause"
	capture arca ps --format json "$id"
	assert_eq "$(jq -r 'sort | map(tostring) | join(",")' <<<"$OUT")" "$want" \
		"ps of a paused container"
	capture arca ps --format yaml "$id"
	assert_failed "ps --format yaml"
}

case_ps_created() {
	local id b=$T/b-psc pid
	id=$(new_id)
	mkbundle "$b"
	create_ctr "$id" "$b"
	assert_ok "create"
	pid=$(state_field "$id" .pid)
	capture arca ps --format json "$id"
	assert_eq "$OUT" "[$pid]" "ps of a created container: its init"
	capture arca ps nosuch-ctr
	assert_failed "ps of an unknown container"
}

case_delete_paused() {
	local id b=$T/b-dp pid st
	id=$(new_id)
	start_counter "$id" "$b"
	capture arca exec -d --pid-file "$T/exec.pid" "$id" sleep 77
	assert_ok "exec -d"
	pid=$(state_field "$id" .pid)
	st=$(proc_starttime "$pid")
	local xpid xst
	xpid=$(cat "$T/exec.pid")
	xst=$(proc_starttime "$xpid")
	capture arca pause "$id"
	assert_ok "pause"
	capture arca delete "$id"
	assert_failed "delete of a paused container without --force"
	assert_eq "$(state_field "$id" .status)" paused "a refused delete changes nothing"
	capture arca delete -f "$id"
	assert_ok "delete -f of a paused container: $ERR"
	assert_gone "$id" "$b" "$pid" "$st" "after delete -f of a paused container"
	! proc_alive "$xpid" "$xst" || fail "the exec'd process of a paused container is left"
}

case_kill_paused() {
	local id b=$T/b-kp
	id=$(new_id)
	start_counter "$id" "$b"
	capture arca pause "$id"
	assert_ok "pause"
	capture arca kill "$id" KILL
	assert_ok "kill KILL of a paused container: $ERR"
	wait_status "$id" stopped 5
}

# one scenario for the pure-v1 view and the v2 VM: prints markers
SCENARIO='
arca="$1 --root $2/state"; b=$2/b; c=$b/rootfs/tmp/count
$arca create --bundle "$b" fz </dev/null >/dev/null 2>&1 || echo CREATE-FAILED
$arca start fz
n=0; while [ ! -s "$c" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n+1)); done
$arca pause fz && echo PAUSE-OK
echo "STATUS=$($arca state fz | grep -o "\"status\": *\"[a-z]*\"")"
a=$(wc -l <"$c"); sleep 0.5; z=$(wc -l <"$c")
[ "$a" = "$z" ] && echo FROZEN-OK
$arca resume fz && echo RESUME-OK
sleep 0.5; [ "$(wc -l <"$c")" -gt "$z" ] && echo THAWED-OK
$arca pause fz; $arca delete -f fz && echo DELETE-OK
ls /sys/fs/cgroup/*/arca/fz /sys/fs/cgroup/arca/fz 2>/dev/null && echo LEFT-CGROUP
echo INSIDE-DONE
'

check_scenario() { # LABEL
	assert_contains "$OUT" "PAUSE-OK" "$1: pause"
	assert_match "$OUT" 'STATUS="status": *"paused"' "$1: state says paused"
	assert_contains "$OUT" "FROZEN-OK" "$1: the counter stops while paused"
	assert_contains "$OUT" "RESUME-OK" "$1: resume"
	assert_contains "$OUT" "THAWED-OK" "$1: the counter grows again"
	assert_contains "$OUT" "DELETE-OK" "$1: delete -f of a paused container"
	assert_not_contains "$OUT" "LEFT-CGROUP" "$1: delete -f leaves no cgroup"
	assert_contains "$OUT" "INSIDE-DONE" "$1: the scenario ran to its end"
}

case_v1only() {
	[ -x "$SHARED/v1only" ] || skip_case "no $SHARED/v1only"
	local d=$T/v1
	mkdir -p "$d"
	mkbundle "$d/b"
	sh_args "$d/b" "$COUNTER"
	printf '%s' "$SCENARIO" >"$d/inside.sh"
	capture timeout 60 "$SHARED/v1only" sh "$d/inside.sh" "$ARCA" "$d"
	check_scenario v1only
}

case_v2_only() {
	local vm=$SHARED/qemu-v2/vm-run.sh
	[ -x "$vm" ] || skip_case "no $vm (the cgroup-v2 VM)"
	command -v qemu-system-x86_64 >/dev/null || skip_case "qemu is not installed"
	local d=$T/vm
	mkdir -p "$d"
	mkbundle "$d/b"
	sh_args "$d/b" "$COUNTER"
	printf '%s' "$SCENARIO" >"$d/inside.sh"
	capture env VM_COPY="$ARCA" VM_TIMEOUT=150 "$vm" "$d" sh "$d/inside.sh" "$ARCA" "$d"
	assert_ok "the v2 scenario in the VM: $OUT $ERR"
	check_scenario v2
}

run_case case_pause_resume
run_case case_pause_not_running
run_case case_ps
run_case case_ps_created
run_case case_delete_paused
run_case case_kill_paused
run_case case_v1only
run_case case_v2_only
finish
