#!/bin/bash
# Exit statuses and signals: `run` exits with the program's status (128+N for
# signal N) and forwards signals; `kill` reaches created and running
# containers and refuses stopped ones.
# Checklist: OP-15, OP-16, OP-19, LIFE-08, LIFE-09, §C (run, kill, kill --all),
# issue 3 (run).
source "$ARCA_TESTS/lib/common.bash"

# issue 3 / §C: `run` exits with the program's exit code.
case_run_exit_codes() {
	local id b=$T/b-exit code
	mkbundle "$b"
	for code in 0 3 42; do
		id=$(new_id)
		sh_args "$b" "echo before-exit; exit $code"
		run_ctr "$id" "$b"
		assert_eq "$RC" "$code" "run must exit with the program's status $code (stderr: $ERR)"
		assert_eq "$OUT" before-exit "run: the program's output"
		assert_gone "$id" "$b" "run deletes the container after it exits"
	done
}

# issue 3 / §C: a program killed by signal N makes `run` exit 128+N. Without a
# pid namespace the shell is not an init and can kill itself.
case_run_signal_death() {
	local id b=$T/b-sig sig num
	mkbundle "$b" '.linux.namespaces |= map(select(.type != "pid"))'
	for sig in TERM KILL; do
		num=$(kill -l "$sig")
		id=$(new_id)
		sh_args "$b" "kill -$sig \$\$; echo survived"
		run_ctr "$id" "$b"
		assert_eq "$RC" $((128 + num)) "run of a program killed by SIG$sig must exit 128+$num (stderr: $ERR)"
		assert_not_contains "$OUT" survived "the program must have died of SIG$sig"
		assert_gone "$id" "$b" "after run"
	done
}

# OP-16 + §C: a container in a pid namespace killed from the host through
# `arca kill` makes its foreground `run` exit 137.
case_run_killed_from_outside() {
	local id b=$T/b-sigout rc=0
	id=$(new_id)
	mkbundle "$b"
	sh_args "$b" 'echo ready > /tmp/ready; exec sleep 100'
	arca run --bundle "$b" "$id" </dev/null >"$T/run.out" 2>"$T/run.err" &
	local rp=$!
	track_pid "$rp"
	wait_file "$b/rootfs/tmp/ready" 10
	capture arca kill "$id" KILL
	assert_ok "OP-16: kill KILL of a running container"
	wait "$rp" || rc=$?
	assert_eq "$rc" 137 "run of a container killed by SIGKILL must exit 137 (stderr: $(cat "$T/run.err"))"
}

# issue 3: a foreground `run` forwards the signals it receives to the
# container process.
case_run_forwards_signals() {
	local id b=$T/b-fwd rc=0
	id=$(new_id)
	mkbundle "$b"
	sh_args "$b" 'trap "echo USR1 >> /tmp/sigs" USR1; trap "echo TERM >> /tmp/sigs; exit 7" TERM
		echo ready > /tmp/ready; while :; do sleep 0.05; done'
	# the arca binary itself (no timeout wrapper), so the signal reaches it
	"$ARCA" --root "$T/state" run --bundle "$b" "$id" </dev/null >"$T/fwd.out" 2>"$T/fwd.err" &
	local rp=$!
	track_pid "$rp"
	wait_file "$b/rootfs/tmp/ready" 10
	kill -USR1 "$rp"
	wait_until 5 grep -qx USR1 "$b/rootfs/tmp/sigs" ||
		fail "run did not forward SIGUSR1 to the container (sigs: $(cat "$b/rootfs/tmp/sigs" 2>/dev/null))"
	kill -0 "$rp" 2>/dev/null || fail "run died of the SIGUSR1 it should have forwarded"
	kill -TERM "$rp"
	wait "$rp" || rc=$?
	assert_eq "$(cat "$b/rootfs/tmp/sigs")" $'USR1\nTERM' "run must forward SIGUSR1 then SIGTERM to the container"
	assert_eq "$rc" 7 "run must exit with the container's status after the forwarded TERM (stderr: $(cat "$T/fwd.err"))"
	assert_gone "$id" "$b" "after run"
}

# OP-16: KILL reaches the waiting process of a created container.
case_kill_created() {
	local id b=$T/b-killc pid st
	id=$(new_id)
	mkbundle "$b"
	sh_args "$b" 'echo ran > /tmp/marker'
	create_ctr "$id" "$b"
	assert_ok "create"
	pid=$(state_field "$id" .pid)
	st=$(proc_starttime "$pid")
	capture arca kill "$id" KILL
	assert_ok "OP-16: kill KILL of a created container"
	wait_status "$id" stopped 5
	wait_until 5 eval '! proc_alive '"$pid $st" || fail "OP-16: process $pid survived SIGKILL"
	assert_file_absent "$b/rootfs/tmp/marker" "OP-16: the program of a killed created container ran"
	capture arca start "$id"
	assert_failed "OP-11: start after the created container was killed"
	sleep 0.2
	assert_file_absent "$b/rootfs/tmp/marker" "OP-11: start of a killed container ran the program"
	capture arca delete "$id"
	assert_ok "delete"
	assert_gone "$id" "$b" "$pid" "$st" "OP-19: after delete"
}

# OP-16, §C: signals by name (with and without SIG, any case) and by number
# reach the program's handlers; the default signal is TERM.
case_kill_running() {
	local id b=$T/b-killr n=0 s want=""
	id=$(new_id)
	mkbundle "$b"
	sh_args "$b" 'for s in USR1 USR2; do trap "echo $s >> /tmp/sigs" $s; done
		trap "echo TERM >> /tmp/sigs; exit 0" TERM
		echo ready > /tmp/ready; while :; do sleep 0.05; done'
	create_ctr "$id" "$b"
	assert_ok "create"
	capture arca start "$id"
	assert_ok "start"
	wait_file "$b/rootfs/tmp/ready" 10
	wait_status "$id" running 5

	capture arca kill "$id" NOSUCHSIG
	assert_failed "§C: kill with an unknown signal name"
	assert_contains "$ERR" NOSUCHSIG "§C: the error names the signal"

	for s in USR1:USR1 SIGUSR2:USR2 "$(kill -l USR1):USR1" usr2:USR2 sigusr1:USR1 "":TERM; do
		n=$((n + 1))
		want+="${s#*:}"$'\n'
		if [ -n "${s%:*}" ]; then
			capture arca kill "$id" "${s%:*}"
		else
			capture arca kill "$id"
		fi
		assert_ok "OP-16: kill $id ${s%:*}"
		wait_until 5 eval "[ \$(grep -c '' '$b/rootfs/tmp/sigs' 2>/dev/null || echo 0) -ge $n ]" ||
			fail "OP-16: signal \"${s%:*}\" did not reach the program (sigs: $(tr '\n' ' ' <"$b/rootfs/tmp/sigs" 2>/dev/null))"
	done
	assert_eq "$(cat "$b/rootfs/tmp/sigs")" "${want%$'\n'}" "OP-16: signals seen by the program, in order"
	wait_status "$id" stopped 5
}

# OP-15, §C: kill of a stopped container fails with "container not running"
# and changes nothing; kill --all of it succeeds.
case_kill_stopped() {
	local id b=$T/b-kills before
	id=$(new_id)
	mkbundle "$b"
	set_args "$b" true
	create_ctr "$id" "$b"
	assert_ok "create"
	capture arca start "$id"
	assert_ok "start"
	wait_status "$id" stopped 10
	before=$(arca state "$id")
	capture arca kill "$id" KILL
	assert_failed "OP-15: kill of a stopped container"
	assert_contains "$ERR" "container not running" "OP-15/§C: wording containerd matches"
	assert_one_line "$ERR" "OP-15: one error line"
	assert_eq "$(arca state "$id")" "$before" "OP-15: state changed by the refused kill"
	capture arca kill --all "$id" KILL
	assert_ok "§C: kill --all of a stopped container must succeed"
	capture arca kill -a "$id"
	assert_ok "§C: kill -a of a stopped container must succeed"
	assert_eq "$(arca state "$id")" "$before" "OP-15: state changed by kill --all"

	capture arca kill "no-such-$id" KILL
	assert_failed "OP-15: kill of an unknown ID"
	assert_contains "$ERR" "does not exist" "OP-15/§C: kill of an unknown ID"
}

# the pids in a container's cgroup (pids hierarchy, else the cgroup2 tree)
cgroup_pids() { # ID
	local m
	for m in $(cgroup_mounts); do
		if [ -e "$m/arca/$1/cgroup.procs" ]; then
			cat "$m/arca/$1/cgroup.procs"
			return 0
		fi
	done
}

# §C (kill --all), issue 3: without a pid namespace, killing the init leaves
# its children; kill --all signals every process of the container.
case_kill_all_running() {
	local id b=$T/b-killall pids p
	id=$(new_id)
	mkbundle "$b" '.linux.namespaces |= map(select(.type != "pid"))'
	sh_args "$b" 'sleep 100 & sleep 100 & echo ready > /tmp/ready; exec sleep 100'
	create_ctr "$id" "$b"
	assert_ok "create"
	capture arca start "$id"
	assert_ok "start"
	wait_file "$b/rootfs/tmp/ready" 5
	wait_until 5 eval '[ "$(cgroup_pids '"$id"' | grep -c "")" -ge 3 ]' ||
		fail "expected 3 processes in the container's cgroup, got: $(cgroup_pids "$id" | tr '\n' ' ')"
	pids=$(cgroup_pids "$id")
	capture arca kill --all "$id" KILL
	assert_ok "§C: kill --all of a running container"
	for p in $pids; do
		wait_until 5 eval '! proc_alive '"$p" || fail "§C: kill --all left process $p ($(proc_cmdline "$p"))"
	done
	wait_status "$id" stopped 5
	capture arca delete "$id"
	assert_ok "delete"
	assert_gone "$id" "$b" "after kill --all and delete"
}

# OP-19, LIFE-09: the init exited but left a child in the container's cgroup
# (no pid namespace): delete must still remove everything.
case_delete_with_orphan() {
	local id b=$T/b-orphan child
	id=$(new_id)
	mkbundle "$b" '.linux.namespaces |= map(select(.type != "pid"))'
	sh_args "$b" 'sleep 100 </dev/null >/dev/null 2>&1 & echo $! > /tmp/child'
	create_ctr "$id" "$b"
	assert_ok "create"
	capture arca start "$id"
	assert_ok "start"
	wait_status "$id" stopped 5
	wait_file "$b/rootfs/tmp/child" 5
	child=$(cgroup_pids "$id" | head -n1)
	[ -n "$child" ] || fail "test setup: no orphan left in the cgroup"
	capture arca delete "$id"
	if [ "$RC" != 0 ]; then
		local err1=$ERR
		capture arca delete -f "$id"
		fail "OP-19: delete of a stopped container with a leftover child failed: $err1; then delete -f: status $RC${ERR:+: $ERR}"
	fi
	wait_until 5 eval '! proc_alive '"$child" || fail "OP-19: delete left the child $child alive"
	assert_gone "$id" "$b" "OP-19: after delete"
}

run_case case_run_exit_codes
run_case case_run_signal_death
run_case case_run_killed_from_outside
run_case case_run_forwards_signals
run_case case_kill_created
run_case case_kill_running
run_case case_kill_stopped
run_case case_kill_all_running
run_case case_delete_with_orphan
finish
