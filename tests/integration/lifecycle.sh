#!/bin/bash
# Lifecycle and operations: create / start / state / list / delete, and the
# rules of the state machine.
# Checklist: STATE-01..08, LIFE-02, LIFE-03, LIFE-08, LIFE-09, LIFE-11, LIFE-13,
# OP-02..OP-08, OP-10..OP-12, OP-14, OP-17..OP-19, OP-21, §C (delete, state).
source "$ARCA_TESTS/lib/common.bash"

STATE_KEYS_ALLOWED="annotations bundle created id ociVersion owner pid rootfs status"
RFC3339='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$'

# a bundle whose program appends one line to /tmp/marker (host: rootfs/tmp/marker)
marker_bundle() { # DIR [TAIL]: TAIL runs after the marker is written
	mkbundle "$1"
	sh_args "$1" "echo ran >> /tmp/marker; ${2:-true}"
}

marker_lines() { # DIR
	if [ -e "$1/rootfs/tmp/marker" ]; then grep -c '' "$1/rootfs/tmp/marker"; else echo 0; fi
}

# OP-07, OP-08, LIFE-02, OP-12, OP-11: created means "not run yet"; start runs
# the program exactly once; a second start fails and runs nothing.
case_create_start_once() {
	local id b=$T/b-once
	id=$(new_id)
	marker_bundle "$b"
	create_ctr "$id" "$b"
	assert_ok "OP-07: create"
	assert_eq "$ERR" "" "OP-07: create printed on stderr"
	assert_eq "$(state_field "$id" .status)" created "OP-07/STATE-03: status right after create"
	sleep 0.3
	assert_file_absent "$b/rootfs/tmp/marker" "OP-08/LIFE-02: process.args ran before start"
	assert_eq "$(state_field "$id" .status)" created "STATE-03: status of a created container 0.3s later"

	capture arca start "$id"
	assert_ok "OP-12: start"
	wait_file "$b/rootfs/tmp/marker" 5
	wait_status "$id" stopped 10
	assert_eq "$(marker_lines "$b")" 1 "OP-12: the program must run exactly once"

	capture arca start "$id"
	assert_failed "OP-11: start of a stopped container"
	[ -n "$ERR" ] || fail "OP-11: failing start printed no error"
	sleep 0.2
	assert_eq "$(marker_lines "$b")" 1 "OP-11: second start re-ran the program"
	assert_eq "$(state_field "$id" .status)" stopped "OP-11: status after the failed start"
}

# OP-11: start of a running container fails and does not run a second copy.
case_start_running() {
	local id b=$T/b-run2 pid
	id=$(new_id)
	marker_bundle "$b" "exec sleep 100"
	create_ctr "$id" "$b"
	assert_ok "create"
	capture arca start "$id"
	assert_ok "OP-12: start"
	wait_status "$id" running 5
	wait_file "$b/rootfs/tmp/marker" 5
	pid=$(state_field "$id" .pid)
	capture arca start "$id"
	assert_failed "OP-11: start of a running container"
	sleep 0.2
	assert_eq "$(marker_lines "$b")" 1 "OP-11: second start ran the program again"
	assert_eq "$(state_field "$id" .status)" running "OP-11: status after failed start"
	assert_eq "$(state_field "$id" .pid)" "$pid" "OP-11: pid after failed start"
	capture arca start "no-such-$id"
	assert_failed "OP-11: start of an unknown ID"
	assert_contains "$ERR" "does not exist" "OP-11/§C: start of an unknown ID"
}

# check_state_json JSON ID BUNDLE STATUS: STATE-01..08 on one state object.
check_state_json() {
	local j=$1 id=$2 bundle=$3 status=$4 k
	for k in $(jq -r 'keys[]' <<<"$j"); do
		[[ " $STATE_KEYS_ALLOWED " == *" $k "* ]] ||
			fail "STATE-01/§C: unexpected key \"$k\" in state: $j"
	done
	for k in ociVersion id status bundle; do
		jq -e --arg k "$k" 'has($k) and (.[$k] | type == "string")' <<<"$j" >/dev/null ||
			fail "STATE-01/STATE-08: \"$k\" missing or not a string in state: $j"
	done
	assert_match "$(jq -r .ociVersion <<<"$j")" '^[0-9]+\.[0-9]+\.[0-9]+' "STATE-01: ociVersion is SemVer"
	assert_eq "$(jq -r .id <<<"$j")" "$id" "STATE-01: id"
	assert_eq "$(jq -r .status <<<"$j")" "$status" "STATE-03: status"
	assert_eq "$(jq -r .bundle <<<"$j")" "$bundle" "STATE-06: bundle (absolute, unresolved)"
	case $status in
	created | running)
		jq -e '(.pid | type == "number") and .pid == (.pid | floor) and .pid > 0' <<<"$j" >/dev/null ||
			fail "STATE-01/STATE-08: pid must be a positive integer while $status: $j" ;;
	*)
		jq -e '(has("pid") | not) or ((.pid | type == "number") and .pid >= 0)' <<<"$j" >/dev/null ||
			fail "STATE-08: pid must be an integer >= 0: $j" ;;
	esac
	if jq -e 'has("rootfs")' <<<"$j" >/dev/null; then
		assert_eq "$(jq -r .rootfs <<<"$j")" "$bundle/rootfs" "§C: rootfs (absolute)"
	fi
	if jq -e 'has("created")' <<<"$j" >/dev/null; then
		assert_match "$(jq -r .created <<<"$j")" "$RFC3339" "§C: created is RFC 3339"
	fi
}

# STATE-01..08, OP-04, §C: the state and list JSON through the lifecycle.
case_state_json() {
	local id b=$T/b-state j pid l
	id=$(new_id)
	marker_bundle "$b" "exec sleep 100"
	cfg "$b" '.annotations = {"org.arca.test.key": "value one", "org.arca.test.empty": ""}'
	create_ctr "$id" "$b"
	assert_ok "create"
	capture arca state "$id"
	assert_ok "OP-04: state"
	assert_eq "$ERR" "" "§C: state must print nothing on stderr (go-runc reads both)"
	j=$OUT
	jq -e . <<<"$j" >/dev/null || fail "STATE-08: state output is not JSON: $j"
	check_state_json "$j" "$id" "$b" created
	assert_eq "$(jq -cS .annotations <<<"$j")" '{"org.arca.test.empty":"","org.arca.test.key":"value one"}' \
		"STATE-07: annotations reproduce the config's"
	pid=$(jq .pid <<<"$j")
	[ -d "/proc/$pid" ] || fail "STATE-05: pid $pid is not a host process"
	assert_ne "$(ns_of "$pid" pid)" "$(ns_of self pid)" "STATE-05: pid $pid must be the container's host pid"

	# list --format json: an array with this container, same fields as state
	capture arca list --format json
	assert_ok "list --format json"
	jq -e 'type == "array" and length == 1' <<<"$OUT" >/dev/null ||
		fail "§C: list --format json must be an array of one container: $OUT"
	l=$(jq -c '.[0]' <<<"$OUT")
	check_state_json "$l" "$id" "$b" created
	local f
	for f in ociVersion id pid status bundle rootfs created annotations; do
		assert_eq "$(jq -c --arg f "$f" '.[$f]' <<<"$l")" "$(jq -c --arg f "$f" '.[$f]' <<<"$j")" \
			"§C: list and state disagree on $f"
	done
	capture arca list
	assert_ok "list"
	grep -Eq "^$id +$pid +created +$b " <<<"$OUT" || fail "§C: list table has no row \"$id $pid created $b\": $OUT"

	capture arca start "$id"
	assert_ok "start"
	wait_status "$id" running 5
	capture arca state "$id"
	check_state_json "$OUT" "$id" "$b" running
	assert_eq "$(jq .pid <<<"$OUT")" "$pid" "STATE-05: pid changed across start"

	capture arca kill "$id" KILL
	assert_ok "kill"
	wait_status "$id" stopped 5
	capture arca state "$id"
	assert_ok "OP-04: state of a stopped container"
	check_state_json "$OUT" "$id" "$b" stopped
}

# STATE-06: a relative --bundle is made absolute, a symlink is not resolved,
# and the default bundle is the current directory.
case_bundle_path() {
	local id b=$T/b-rel
	marker_bundle "$b"
	ln -s b-rel "$T/b-link"
	cd "$T"
	id=$(new_id)
	create_ctr "$id" b-rel
	assert_ok "create --bundle b-rel (relative)"
	assert_eq "$(state_field "$id" .bundle)" "$T/b-rel" "STATE-06: relative --bundle made absolute"
	assert_eq "$(state_field "$id" .rootfs)" "$T/b-rel/rootfs" "§C: rootfs of a relative bundle"
	capture arca delete -f "$id"

	id=$(new_id)
	create_ctr "$id" "$T/b-link"
	assert_ok "create --bundle through a symlink"
	assert_eq "$(state_field "$id" .bundle)" "$T/b-link" "STATE-06: bundle must be the path given, not resolved"
	capture arca delete -f "$id"

	id=$(new_id)
	cd "$b"
	capture arca create "$id"
	assert_ok "create without --bundle (BND-01: default is the cwd)"
	assert_eq "$(state_field "$id" .bundle)" "$b" "STATE-06: default bundle is the current directory"
	cd /
	capture arca delete -f "$id"
}

# OP-19, LIFE-09: delete of a stopped container removes everything.
case_delete_stopped() {
	local id b=$T/b-del pid st
	id=$(new_id)
	marker_bundle "$b"
	create_ctr "$id" "$b"
	assert_ok "create"
	pid=$(state_field "$id" .pid)
	st=$(proc_starttime "$pid")
	capture arca start "$id"
	assert_ok "start"
	wait_status "$id" stopped 10
	capture arca delete "$id"
	assert_ok "OP-19: delete of a stopped container"
	assert_eq "$ERR" "" "OP-19: delete printed on stderr"
	assert_gone "$id" "$b" "$pid" "$st" "OP-19/LIFE-09: after delete"
	capture arca state "$id"
	assert_failed "OP-03: state after delete"
	assert_contains "$ERR" "does not exist" "OP-03: state after delete"
	capture arca list -q
	assert_not_contains "$OUT" "$id" "OP-19: list after delete"
}

# OP-18 (documented choice: runc's behaviour): delete of a created container
# kills its process and removes it; the program never runs.
case_delete_created() {
	local id b=$T/b-delc pid st
	id=$(new_id)
	marker_bundle "$b"
	create_ctr "$id" "$b"
	assert_ok "create"
	pid=$(state_field "$id" .pid)
	st=$(proc_starttime "$pid")
	proc_alive "$pid" "$st" || fail "OP-07: the created container's process $pid is not alive"
	capture arca delete "$id"
	assert_ok "OP-18/§C: delete of a created container (runc kills and deletes)"
	wait_until 5 eval '! proc_alive '"$pid $st" || fail "OP-18: process $pid survived delete"
	assert_gone "$id" "$b" "$pid" "$st" "OP-18/OP-19: after delete of a created container"
	sleep 0.2
	assert_file_absent "$b/rootfs/tmp/marker" "OP-18: delete of a created container ran the program"
}

# OP-18, §C: delete of a running container fails without --force and leaves
# it running; --force kills and removes it.
case_delete_running() {
	local id b=$T/b-delr pid st
	id=$(new_id)
	marker_bundle "$b" "exec sleep 100"
	create_ctr "$id" "$b"
	assert_ok "create"
	capture arca start "$id"
	assert_ok "start"
	wait_status "$id" running 5
	pid=$(state_field "$id" .pid)
	st=$(proc_starttime "$pid")
	capture arca delete "$id"
	assert_failed "OP-18: delete of a running container without --force"
	[ -n "$ERR" ] || fail "OP-18: failing delete printed no error"
	assert_eq "$(state_field "$id" .status)" running "OP-18: status after refused delete"
	proc_alive "$pid" "$st" || fail "OP-18: refused delete killed the process"
	[ -e "$T/state/$id" ] || fail "OP-18: refused delete removed the state dir"
	capture arca delete -f "$id"
	assert_ok "§C: delete --force of a running container"
	assert_gone "$id" "$b" "$pid" "$st" "OP-19: after delete --force"
}

# §C, OP-17: delete of unknown IDs.
case_delete_unknown() {
	local id
	id=$(new_id)
	capture arca delete -f "$id"
	assert_ok "§C: delete --force of an unknown ID must succeed"
	capture arca delete --force "$id"
	assert_ok "§C: delete --force (long form) of an unknown ID"
	capture arca delete "$id"
	assert_failed "OP-17/§C: delete of an unknown ID without --force"
	assert_contains "$ERR" "does not exist" "§C: delete of an unknown ID"
	assert_one_line "$ERR" "§C: one error line"
}

# OP-02, OP-05, OP-10, OP-14, OP-17: every operation needs an ID.
case_missing_id() {
	local c b=$T/b-noid
	mkbundle "$b"
	for c in state start kill delete "delete -f" create; do
		# shellcheck disable=SC2086
		capture arca $c
		assert_failed "OP-02/05/10/14/17: \`$c\` without an ID"
		[ -n "$ERR" ] || fail "\`$c\` without an ID printed no error"
	done
	capture arca create --bundle "$b"
	assert_failed "OP-05: create --bundle B without an ID"
	capture arca list -q
	assert_eq "$OUT" "" "OP-05: a container appeared after create without ID"
	assert_eq "$(ls "$T/state")" "" "OP-05: state root after create without ID"
}

# OP-21: after delete the same ID can be used again.
case_reuse_id() {
	local id b=$T/b-reuse i
	id=$(new_id)
	marker_bundle "$b"
	for i in 1 2 3; do
		create_ctr "$id" "$b"
		assert_ok "OP-21: create #$i of the same ID"
		capture arca start "$id"
		assert_ok "OP-21: start #$i"
		wait_status "$id" stopped 10
		assert_eq "$(marker_lines "$b")" "$i" "OP-21: program runs of container #$i"
		capture arca delete "$id"
		assert_ok "OP-21: delete #$i"
		assert_gone "$id" "$b" "OP-21: after delete #$i"
	done
}

# OP-06, STATE-02: create with an ID in use fails and the first container is
# untouched.
case_duplicate_id() {
	local id b1=$T/b-dup1 b2=$T/b-dup2 pid st before
	id=$(new_id)
	marker_bundle "$b1" "exec sleep 100"
	marker_bundle "$b2"
	create_ctr "$id" "$b1"
	assert_ok "create"
	before=$(arca state "$id")
	pid=$(jq .pid <<<"$before")
	st=$(proc_starttime "$pid")
	create_ctr "$id" "$b2"
	assert_failed "OP-06/STATE-02: second create with the same ID"
	assert_contains "$ERR" "$id" "OP-06: the error names the ID"
	assert_one_line "$ERR" "OP-06: one error line"
	assert_eq "$(arca state "$id")" "$before" "OP-06: the first container's state changed"
	proc_alive "$pid" "$st" || fail "OP-06: the first container's process died"
	local m
	for m in $(cgroup_mounts); do
		grep -qx "$pid" "$m/arca/$id/cgroup.procs" ||
			fail "OP-06: $pid is no longer in its cgroup $m/arca/$id"
	done
	capture arca start "$id"
	assert_ok "OP-06: start of the first container"
	wait_file "$b1/rootfs/tmp/marker" 5
	sleep 0.2
	assert_file_absent "$b2/rootfs/tmp/marker" "OP-06: the refused container's program ran"
	local left
	left=$(awk -v r="$b2/" 'index($5, r) == 1' /proc/self/mountinfo)
	[ -z "$left" ] || fail "LIFE-11: the refused create left mounts: $left"
}

# OP-06, LIFE-11, issue 3: of two concurrent creates of one ID exactly one
# wins; the loser leaves nothing and does not damage the winner.
case_concurrent_create() {
	local b1=$T/b-race1 b2=$T/b-race2 round id p1 p2 r1 r2 win pid m p
	mkbundle "$b1"
	mkbundle "$b2"
	sh_args "$b1" 'echo one >> /tmp/marker'
	sh_args "$b2" 'echo two >> /tmp/marker'
	for round in 1 2 3 4 5; do
		id=$(new_id)
		rm -f "$b1/rootfs/tmp/marker" "$b2/rootfs/tmp/marker"
		r1=0 r2=0
		arca create --bundle "$b1" "$id" </dev/null >/dev/null 2>"$T/race1.err" &
		p1=$!
		arca create --bundle "$b2" "$id" </dev/null >/dev/null 2>"$T/race2.err" &
		p2=$!
		wait "$p1" || r1=$?
		wait "$p2" || r2=$?
		if [ "$r1" = 0 ] && [ "$r2" != 0 ]; then
			win=$b1
		elif [ "$r2" = 0 ] && [ "$r1" != 0 ]; then
			win=$b2
		else
			fail "OP-06: round $round: exactly one create must win, got statuses $r1 and $r2 ($(cat "$T/race1.err" "$T/race2.err"))"
		fi
		assert_eq "$(state_field "$id" .status)" created "OP-06: round $round: winner's status"
		assert_eq "$(state_field "$id" .bundle)" "$win" "OP-06: round $round: winner's bundle"
		pid=$(state_field "$id" .pid)
		proc_alive "$pid" || fail "OP-06: round $round: winner's process $pid is dead"
		for m in $(cgroup_mounts); do
			grep -qx "$pid" "$m/arca/$id/cgroup.procs" 2>/dev/null ||
				fail "OP-06/LIFE-11: round $round: the loser removed or emptied the winner's cgroup $m/arca/$id"
		done
		for p in $(_procs_mentioning "$T/state"); do
			if [ "$p" != "$pid" ] && proc_alive "$p" && proc_has_arg "$p" "$id"; then
				fail "LIFE-11: round $round: the loser left process $p"
			fi
		done
		capture arca start "$id"
		assert_ok "OP-06: round $round: start of the winner"
		wait_status "$id" stopped 10
		capture arca delete "$id"
		assert_ok "round $round: delete"
		assert_gone "$id" "$b1" "$pid" "LIFE-11: round $round: after delete"
		assert_gone "$id" "$b2" "LIFE-11: round $round: after delete"
		local lines
		lines=$(cat "$b1/rootfs/tmp/marker" "$b2/rootfs/tmp/marker" 2>/dev/null || true)
		assert_eq "$lines" "$([ "$win" = "$b1" ] && echo one || echo two)" \
			"OP-06: round $round: only the winner's program must run, once"
	done
}

# LIFE-03: edits to config.json after create do not affect the container.
case_config_snapshot() {
	local id b=$T/b-snap
	id=$(new_id)
	mkbundle "$b"
	sh_args "$b" 'echo original > /tmp/which'
	create_ctr "$id" "$b"
	assert_ok "create"
	sh_args "$b" 'echo edited > /tmp/which'
	cfg "$b" '.process.env += ["EDITED=1"]'
	capture arca start "$id"
	assert_ok "start"
	wait_file "$b/rootfs/tmp/which" 5
	wait_status "$id" stopped 5
	assert_eq "$(cat "$b/rootfs/tmp/which")" original "LIFE-03: start used the edited config.json"
}

run_case case_create_start_once
run_case case_config_snapshot
run_case case_start_running
run_case case_state_json
run_case case_bundle_path
run_case case_delete_stopped
run_case case_delete_created
run_case case_delete_running
run_case case_delete_unknown
run_case case_missing_id
run_case case_reuse_id
run_case case_duplicate_id
run_case case_concurrent_create
finish
