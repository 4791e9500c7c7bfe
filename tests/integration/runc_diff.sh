#!/bin/bash
# Differential checks with runc as the oracle, on the same bundle: state and
# list fields, exit codes of run, errors for unknown and stopped containers.
# runc keeps its state under its own root in the test's temp dir.
# Checklist: STATE-01, STATE-06, STATE-07, OP-03, OP-11, OP-15, OP-17, OP-18,
# §C (state, list, kill, delete, error wording), issue 3 (differential).
source "$ARCA_TESTS/lib/common.bash"
command -v runc >/dev/null || skip "runc is not installed (apt-get install -y runc): it is the oracle here"

RUNC_ROOT=$T/runc
mkdir -p "$RUNC_ROOT"

runc_cmd() {
	timeout -k 5 "$ARCA_CMD_TIMEOUT" runc --root "$RUNC_ROOT" "$@"
}

# both RUNTIME... : sets A_RC A_OUT A_ERR (arca) and R_RC R_OUT R_ERR (runc)
# for the same arguments, the placeholder @ID replaced by $AID / $RID.
both() {
	local a=() r=() x
	for x in "$@"; do
		a+=("${x//@ID/$AID}")
		r+=("${x//@ID/$RID}")
	done
	capture arca "${a[@]}"
	A_RC=$RC A_OUT=$OUT A_ERR=$ERR
	capture runc_cmd "${r[@]}"
	R_RC=$RC R_OUT=$OUT R_ERR=$ERR
}

new_pair() {
	AID=$(new_id)
	RID=$(new_id)
}

# STATE-01, STATE-06, STATE-07, §C: the state of a created container.
case_state_created() {
	local b=$T/b-state k
	new_pair
	mkbundle "$b" '.annotations = {"org.arca.test": "x", "empty": ""}'
	set_args "$b" sleep 100
	create_ctr "$AID" "$b"
	assert_ok "arca create"
	runc_cmd create --bundle "$b" "$RID" </dev/null >/dev/null 2>"$T/runc.err" || fail "runc create: $(cat "$T/runc.err")"
	both state @ID
	assert_eq "$A_RC" 0 "arca state"
	assert_eq "$R_RC" 0 "runc state"
	assert_eq "$(jq -c 'keys' <<<"$A_OUT")" "$(jq -c 'keys' <<<"$R_OUT")" "STATE-01/§C: state keys differ from runc's"
	for k in status bundle rootfs annotations owner; do
		assert_eq "$(jq -cS ".$k" <<<"$A_OUT")" "$(jq -cS ".$k" <<<"$R_OUT")" "§C: state .$k differs from runc's"
	done
	for k in pid created ociVersion; do
		assert_eq "$(jq -r ".$k | type" <<<"$A_OUT")" "$(jq -r ".$k | type" <<<"$R_OUT")" "§C: type of state .$k differs from runc's"
	done

	both list --format json
	assert_eq "$A_RC" 0 "arca list"
	assert_eq "$(jq -c '.[0] | keys' <<<"$A_OUT")" "$(jq -c '.[0] | keys' <<<"$R_OUT")" "§C: list json keys differ from runc's"
	for k in status bundle rootfs annotations owner; do
		assert_eq "$(jq -cS ".[0].$k" <<<"$A_OUT")" "$(jq -cS ".[0].$k" <<<"$R_OUT")" "§C: list .$k differs from runc's"
	done

	# after the program ran and exited: stopped, pid 0 in both
	both start @ID
	assert_eq "$A_RC" 0 "arca start"
	assert_eq "$R_RC" 0 "runc start"
	both kill @ID KILL
	wait_status "$AID" stopped 5
	wait_until 5 eval '[ "$(runc_cmd state '"$RID"' | jq -r .status)" = stopped ]' || fail "runc container did not stop"
	both state @ID
	assert_eq "$(jq -c 'keys' <<<"$A_OUT")" "$(jq -c 'keys' <<<"$R_OUT")" "§C: stopped state keys differ from runc's"
	assert_eq "$(jq -c '.pid' <<<"$A_OUT")" "$(jq -c '.pid' <<<"$R_OUT")" "§C: pid of a stopped container differs from runc's"
	assert_eq "$(jq -r '.status' <<<"$A_OUT")" "$(jq -r '.status' <<<"$R_OUT")" "§C: stopped status"

	# OP-11 / OP-15: start and kill of the stopped containers fail in both
	both start @ID
	[ "$A_RC" != 0 ] && [ "$R_RC" != 0 ] || fail "OP-11: start of a stopped container: arca $A_RC, runc $R_RC"
	both kill @ID TERM
	[ "$A_RC" != 0 ] && [ "$R_RC" != 0 ] || fail "OP-15: kill of a stopped container: arca $A_RC, runc $R_RC"
	assert_contains "$R_ERR" "container not running" "runc's wording (oracle check)"
	assert_contains "$A_ERR" "container not running" "OP-15/§C: kill of a stopped container, runc's wording"
	both kill --all @ID KILL
	assert_eq "$A_RC" "$R_RC" "§C: kill --all of a stopped container: arca vs runc status"
	both delete @ID
	assert_eq "$A_RC" 0 "arca delete of stopped"
	assert_eq "$R_RC" 0 "runc delete of stopped"
}

# issue 3: exit codes of run, the program's status and 128+N.
case_run_exit_codes() {
	local b=$T/b-exit code
	mkbundle "$b"
	for code in 0 3 42; do
		new_pair
		sh_args "$b" "exit $code"
		both run --bundle "$b" @ID
		assert_eq "$A_RC" "$R_RC" "run exit code for 'exit $code': arca vs runc ($A_ERR)"
		assert_eq "$A_RC" "$code" "run exit code for 'exit $code'"
	done
	cfg "$b" '.linux.namespaces |= map(select(.type != "pid"))'
	for code in TERM KILL; do
		new_pair
		sh_args "$b" "kill -$code \$\$"
		both run --bundle "$b" @ID
		assert_eq "$A_RC" "$R_RC" "run exit code for a SIG$code death: arca vs runc ($A_ERR)"
	done
}

# OP-03, OP-17, §C: unknown IDs fail in both, with "does not exist".
case_unknown_id() {
	local c
	new_pair
	for c in "state @ID" "delete @ID" "kill @ID" "kill @ID KILL" "start @ID"; do
		# shellcheck disable=SC2086
		both $c
		[ "$R_RC" != 0 ] || fail "oracle: runc $c succeeded"
		[ "$A_RC" != 0 ] || fail "§C: arca $c of an unknown ID succeeded"
		if [ "${c%% *}" != start ]; then
			assert_contains "$R_ERR" "does not exist" "oracle: runc $c"
			assert_contains "$A_ERR" "does not exist" "§C: arca $c of an unknown ID (runc says \"$R_ERR\")"
		fi
	done
	both delete -f @ID
	assert_eq "$A_RC" "$R_RC" "§C: delete -f of an unknown ID: arca vs runc"
}

# OP-18 (runc's choice): delete of a created container succeeds in both.
case_delete_created() {
	local b=$T/b-delc
	new_pair
	mkbundle "$b"
	set_args "$b" sleep 100
	create_ctr "$AID" "$b"
	assert_ok "arca create"
	runc_cmd create --bundle "$b" "$RID" </dev/null >/dev/null 2>&1 || fail "runc create"
	both delete @ID
	assert_eq "$A_RC" "$R_RC" "OP-18: delete of a created container: arca vs runc ($A_ERR)"
	assert_gone "$AID" "$b" "OP-18: after delete"
	both state @ID
	[ "$A_RC" != 0 ] && [ "$R_RC" != 0 ] || fail "OP-18: state after delete: arca $A_RC, runc $R_RC"
}

run_case case_state_created
run_case case_run_exit_codes
run_case case_unknown_id
run_case case_delete_created
finish
