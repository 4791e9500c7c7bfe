#!/bin/bash
# OCI hooks: prestart, createRuntime, createContainer (create), startContainer,
# poststart (start), poststop (delete, and a create or start that failed).
# Checklist: HOOK-01..HOOK-10, LIFE-04, LIFE-05, LIFE-07, LIFE-10..LIFE-12.
source "$ARCA_TESTS/lib/common.bash"

HOST_MNT=$(readlink /proc/self/ns/mnt)
KINDS="prestart createRuntime createContainer startContainer poststart poststop"

# The recording hook: NAME DIR. Appends NAME to DIR/order and keeps its
# stdin (the state), its mount namespace and whether /only-in-rootfs exists.
# The same script runs on the host (/bin/sh = dash) and in the busybox rootfs.
write_recorder() { # FILE
	cat >"$1" <<'EOF'
#!/bin/sh
name=$1 dir=$2
/bin/cat >"$dir/$name.state"
/bin/readlink /proc/self/ns/mnt >"$dir/$name.ns"
if [ -e /only-in-rootfs ]; then echo rootfs >"$dir/$name.fs"; else echo host >"$dir/$name.fs"; fi
echo "$name" >>"$dir/order"
EOF
	chmod 755 "$1"
}

# hook JSON for the recorder: NAME [DIR [SCRIPT]] (DIR/SCRIPT as the hook
# sees them; default $T/rec, $T/recorder.sh on the host)
rec_hook() {
	local name=$1 dir=${2:-$T/rec} script=${3:-$T/recorder.sh}
	jq -cn --arg n "$name" --arg d "$dir" --arg s "$script" \
		'{path: "/bin/sh", args: ["sh", $s, $n, $d], timeout: 10}'
}

# a shell hook: SCRIPT [TIMEOUT]
sh_hook() {
	jq -cn --arg s "$1" --argjson t "${2:-null}" \
		'{path: "/bin/sh", args: ["sh", "-c", $s]} + (if $t then {timeout: $t} else {} end)'
}

# a bundle whose every list records twice (NAME.0 before NAME.1), with an
# annotation; startContainer's recorder lives in the rootfs and writes to
# its /tmp.
hooks_bundle() { # DIR
	local b=$1 k hooks='{}'
	mkbundle "$b" '.annotations = {"org.example.hooks": "yes", "x": "y"}'
	rm -rf "$T/rec"
	mkdir -p "$T/rec"
	write_recorder "$T/recorder.sh"
	write_recorder "$b/rootfs/recorder.sh"
	touch "$b/rootfs/only-in-rootfs"
	for k in $KINDS; do
		local h0 h1
		if [ "$k" = startContainer ]; then
			h0=$(rec_hook "$k.0" /tmp /recorder.sh)
			h1=$(rec_hook "$k.1" /tmp /recorder.sh)
		else
			h0=$(rec_hook "$k.0")
			h1=$(rec_hook "$k.1")
		fi
		hooks=$(jq -c --arg k "$k" --argjson a "$h0" --argjson b "$h1" '.[$k] = [$a, $b]' <<<"$hooks")
	done
	cfg "$b" '.hooks = $h' --argjson h "$hooks"
	sh_args "$b" 'echo ran >> /tmp/program'
}

rec_file() { # NAME SUFFIX BUNDLE: startContainer's records are in the rootfs
	case $1 in
	startContainer.*) echo "$3/rootfs/tmp/$1.$2" ;;
	*) echo "$T/rec/$1.$2" ;;
	esac
}

# HOOK-02..HOOK-09: every list runs, in order, at its step, with the state on
# stdin, in the right namespace and root.
case_all_kinds() {
	local id b=$T/b-all pid k
	id=$(new_id)
	hooks_bundle "$b"
	create_ctr "$id" "$b"
	assert_ok "create with every kind of hook"
	pid=$(state_field "$id" .pid)
	assert_eq "$(tr '\n' ' ' <"$T/rec/order")" \
		"prestart.0 prestart.1 createRuntime.0 createRuntime.1 createContainer.0 createContainer.1 " \
		"HOOK-02/HOOK-04..06: the create-time hooks, in order, and only they"
	assert_file_absent "$b/rootfs/tmp/program" "the program ran at create"
	capture arca start "$id"
	assert_ok "start"
	assert_eq "$(tr '\n' ' ' <"$b/rootfs/tmp/order")" "startContainer.0 startContainer.1 " \
		"HOOK-07: startContainer hooks in order"
	assert_eq "$(tail -n 2 "$T/rec/order" | tr '\n' ' ')" "poststart.0 poststart.1 " \
		"HOOK-08: poststart hooks in order, before start returned"
	assert_file_exists "$b/rootfs/tmp/program" "HOOK-08: poststart ran before the program was exec'd"
	wait_status "$id" stopped 5
	[ ! -e "$T/rec/poststop.0.state" ] || fail "HOOK-09: poststop ran before delete"
	capture arca delete "$id"
	assert_ok "delete"
	assert_eq "$(tail -n 2 "$T/rec/order" | tr '\n' ' ')" "poststop.0 poststop.1 " \
		"HOOK-09: poststop hooks in order, before delete returned"
	check_records "$id" "$b" "$pid"
}

check_records() { # ID BUNDLE PID
	local id=$1 b=$2 pid=$3 k i s want_status want_pid want_ns want_fs
	for k in $KINDS; do
		for i in 0 1; do
			s=$(cat "$(rec_file "$k.$i" state "$b")")
			case $k in
			poststart) want_status=running want_pid=$pid ;;
			poststop) want_status=stopped want_pid=0 ;;
			*) want_status=created want_pid=$pid ;;
			esac
			assert_eq "$(jq -r .status <<<"$s")" "$want_status" "HOOK-03: $k[$i] status"
			assert_eq "$(jq -r .pid <<<"$s")" "$want_pid" "HOOK-03: $k[$i] pid"
			assert_eq "$(jq -r .id <<<"$s")" "$id" "HOOK-03: $k[$i] id"
			assert_eq "$(jq -r .bundle <<<"$s")" "$b" "HOOK-03: $k[$i] bundle"
			assert_eq "$(jq -r .ociVersion <<<"$s")" "1.3.0" "HOOK-03: $k[$i] ociVersion"
			assert_eq "$(jq -c .annotations <<<"$s")" '{"org.example.hooks":"yes","x":"y"}' \
				"HOOK-03: $k[$i] annotations"
			case $k in
			createContainer | startContainer) want_ns=container ;;
			*) want_ns=host ;;
			esac
			if [ "$want_ns" = host ]; then
				assert_eq "$(cat "$(rec_file "$k.$i" ns "$b")")" "$HOST_MNT" \
					"HOOK-04/05/08/09: $k[$i] runs in the runtime's mount namespace"
			else
				assert_ne "$(cat "$(rec_file "$k.$i" ns "$b")")" "$HOST_MNT" \
					"HOOK-06/07: $k[$i] runs in the container's mount namespace"
			fi
			want_fs=host
			[ "$k" != startContainer ] || want_fs=rootfs
			assert_eq "$(cat "$(rec_file "$k.$i" fs "$b")")" "$want_fs" \
				"HOOK-06/07: $k[$i] sees the $want_fs's files (pivot_root: after startContainer only)"
		done
	done
	assert_eq "$(cat "$T/rec/createContainer.0.ns")" "$(cat "$b/rootfs/tmp/startContainer.0.ns")" \
		"HOOK-06/07: createContainer and startContainer share the container's mount namespace"
}

# `run` goes through create, start and delete: all six lists.
case_run() {
	local id b=$T/b-run
	id=$(new_id)
	hooks_bundle "$b"
	run_ctr "$id" "$b"
	assert_ok "run"
	assert_eq "$(grep -c '' "$T/rec/order")" 10 "run: every runtime-side and createContainer hook ran once"
	assert_eq "$(tail -n 2 "$T/rec/order" | tr '\n' ' ')" "poststop.0 poststop.1 " "run: poststop last"
	assert_eq "$(grep -c '' "$b/rootfs/tmp/order")" 2 "run: startContainer hooks ran"
	assert_gone "$id" "$b" "run"
}

# HOOK-01: argv exactly as given (args[0] included), env the whole
# environment, state on stdin; no args: argv is [path]; no env: empty. Only
# fds 0-2 reach a hook, in the runtime and in the init.
case_args_env() {
	local id b=$T/b-args probe=$T/probe/p1 bare=$T/probe/p2 cc=$T/probe/p3
	id=$(new_id)
	mkdir -p "$T/probe"
	cp "$ARCA_TOOLS/hook_probe" "$probe"
	cp "$ARCA_TOOLS/hook_probe" "$bare"
	cp "$ARCA_TOOLS/hook_probe" "$cc"
	mkbundle "$b"
	cfg "$b" '.hooks = {prestart: [{path: $p, args: ["argv zero", "-x", "", "a b"],
		env: ["A=1", "B=two words", "EMPTY=", "PATH=/nowhere"]}, {path: $q}],
		createContainer: [{path: $c, args: ["cc"]}]}' \
		--arg p "$probe" --arg q "$bare" --arg c "$cc"
	create_ctr "$id" "$b"
	assert_ok "create"
	assert_eq "$(tr '\0' '|' <"$probe.argv")" "argv zero|-x||a b|" "HOOK-01: argv exactly args"
	assert_eq "$(tr '\0' '|' <"$probe.env")" "A=1|B=two words|EMPTY=|PATH=/nowhere|" \
		"HOOK-01: env is the whole environment"
	assert_eq "$(tr '\0' '|' <"$bare.argv")" "$bare|" "HOOK-01: without args, argv is [path]"
	assert_eq "$(wc -c <"$bare.env")" 0 "HOOK-01: without env, the environment is empty"
	assert_eq "$(jq -r .id "$probe.stdin")" "$id" "HOOK-03: the state on stdin"
	assert_eq "$(jq -r .id "$bare.stdin")" "$id" "HOOK-03: the same state for the next hook"
	assert_eq "$(jq -r .id "$cc.stdin")" "$id" "HOOK-03: the state for createContainer"
	assert_eq "$(tr '\n' ' ' <"$probe.fds")" "0 1 2 " "only stdio reaches a runtime hook"
	assert_eq "$(tr '\n' ' ' <"$cc.fds")" "0 1 2 " "only stdio reaches a hook of the init"
}

# fail_case STAGE CREATE_FAILS: a bundle whose STAGE hook (index 1, after a
# good one) fails with a message, plus two poststop recorders.
fail_bundle() { # DIR KIND SCRIPT
	local b=$1 kind=$2 script=$3 bad good
	mkbundle "$b"
	rm -rf "$T/rec"
	mkdir -p "$T/rec"
	write_recorder "$T/recorder.sh"
	good=$(sh_hook 'exit 0')
	bad=$(sh_hook "$script")
	cfg "$b" '.hooks = {($k): [$g, $x], poststop: [$p0, $p1]}' --arg k "$kind" \
		--argjson g "$good" --argjson x "$bad" \
		--argjson p0 "$(rec_hook poststop.0)" --argjson p1 "$(rec_hook poststop.1)"
	sh_args "$b" 'echo ran >> /tmp/program; exec sleep 100'
}

assert_poststop_ran() { # LABEL
	assert_eq "$(tr '\n' ' ' <"$T/rec/order" 2>/dev/null || true)" "poststop.0 poststop.1 " \
		"$1: poststop must run after the failure"
	assert_eq "$(jq -r .status "$T/rec/poststop.0.state")" stopped "$1: poststop's status"
}

# LIFE-04, HOOK-10, LIFE-11: a failing create-time hook fails create with
# its message (kind, index, path, output), and leaves nothing; poststop ran.
case_create_hook_fails() {
	local kind id b
	for kind in prestart createRuntime createContainer; do
		id=$(new_id)
		b=$T/b-fail-$kind
		fail_bundle "$b" "$kind" 'echo "the hook says no"; printf "line\ttwo\n" >&2; exit 3'
		create_ctr "$id" "$b"
		assert_failed "LIFE-04: create with a failing $kind hook"
		assert_contains "$ERR" "hooks.$kind[1]: /bin/sh exited with status 3" "HOOK-10: $kind error names the hook"
		assert_contains "$ERR" "the hook says no line two" "HOOK-10: $kind error quotes the output"
		assert_one_line "$ERR" "the $kind error is one line"
		assert_gone "$id" "$b" "LIFE-11: after a failed $kind hook"
		assert_file_absent "$b/rootfs/tmp/program" "LIFE-04: the program ran"
		assert_poststop_ran "LIFE-04 ($kind)"
	done
}

# HOOK-10: death by a signal and a failed execve are failures too.
case_signal_and_exec() {
	local id b=$T/b-sig
	id=$(new_id)
	fail_bundle "$b" prestart 'kill -9 $$'
	create_ctr "$id" "$b"
	assert_failed "create with a hook killed by a signal"
	assert_contains "$ERR" "hooks.prestart[1]: /bin/sh was killed by signal 9" "HOOK-10: signal"
	assert_gone "$id" "$b" "after a hook killed by a signal"
	id=$(new_id)
	b=$T/b-noexec
	mkbundle "$b" '.hooks = {createRuntime: [{path: "/nonexistent/hook"}]}'
	create_ctr "$id" "$b"
	assert_failed "create with a hook that cannot be executed"
	assert_contains "$ERR" "hooks.createRuntime[0]: /nonexistent/hook exited with status 127: output: exec /nonexistent/hook: No such file or directory" \
		"HOOK-10: exec failure"
	assert_gone "$id" "$b" "after a hook that cannot be executed"
}

# LIFE-05: a failing startContainer hook fails start with its message; the
# program does not run; the container is destroyed and poststop ran.
case_start_hook_fails() {
	local id b=$T/b-fail-start pid
	id=$(new_id)
	fail_bundle "$b" startContainer 'echo no start; exit 4'
	create_ctr "$id" "$b"
	assert_ok "create"
	pid=$(state_field "$id" .pid)
	capture arca start "$id"
	assert_failed "LIFE-05: start with a failing startContainer hook"
	assert_contains "$ERR" "hooks.startContainer[1]: /bin/sh exited with status 4: output: no start" \
		"HOOK-10: startContainer error"
	assert_file_absent "$b/rootfs/tmp/program" "LIFE-05: the program ran"
	assert_gone "$id" "$b" "$pid" "LIFE-05: after a failed startContainer hook"
	assert_poststop_ran "LIFE-05"
}

# LIFE-07 (v1.3): a failing poststart hook fails start; the container is
# stopped, destroyed, poststop ran.
case_poststart_fails() {
	local id b=$T/b-fail-poststart pid st
	id=$(new_id)
	fail_bundle "$b" poststart 'echo post; exit 5'
	create_ctr "$id" "$b"
	assert_ok "create"
	pid=$(state_field "$id" .pid)
	st=$(proc_starttime "$pid")
	capture arca start "$id"
	assert_failed "LIFE-07: start with a failing poststart hook"
	assert_contains "$ERR" "hooks.poststart[1]: /bin/sh exited with status 5: output: post" \
		"HOOK-10: poststart error"
	assert_gone "$id" "$b" "$pid" "$st" "LIFE-07: after a failed poststart hook"
	assert_poststop_ran "LIFE-07"
}

# LIFE-10, LIFE-12: a failing poststop hook is a warning; the next one runs
# and delete succeeds.
case_poststop_fails() {
	local id b=$T/b-fail-poststop
	id=$(new_id)
	mkbundle "$b"
	rm -rf "$T/rec"
	mkdir -p "$T/rec"
	write_recorder "$T/recorder.sh"
	cfg "$b" '.hooks = {poststop: [$bad, $good]}' \
		--argjson bad "$(sh_hook 'echo stop failed; exit 6')" --argjson good "$(rec_hook poststop.1)"
	create_ctr "$id" "$b"
	assert_ok "create"
	capture arca delete "$id"
	assert_ok "LIFE-10: delete with a failing poststop hook"
	assert_contains "$ERR" "hooks.poststop[0]: /bin/sh exited with status 6: output: stop failed" \
		"LIFE-10: the failure is a warning"
	assert_eq "$(cat "$T/rec/order")" "poststop.1" "LIFE-10: the next poststop hook ran"
	assert_gone "$id" "$b" "LIFE-10: after delete"
}

# HOOK-01: a hook that outlives its timeout is killed and fails.
case_timeout() {
	local id b=$T/b-timeout t0 ms hook_pid
	id=$(new_id)
	mkbundle "$b"
	cfg "$b" '.hooks = {prestart: [$h]}' --argjson h "$(sh_hook "echo \$\$ > $T/hook.pid; exec /bin/sleep 30" 1)"
	t0=${EPOCHREALTIME/./}
	create_ctr "$id" "$b"
	ms=$(((${EPOCHREALTIME/./} - t0) / 1000))
	assert_failed "create with a hook that times out"
	assert_contains "$ERR" "hooks.prestart[0]: /bin/sh timed out after 1 s" "HOOK-01: timeout error"
	[ "$ms" -lt 5000 ] || fail "HOOK-01: the timeout took ${ms} ms"
	hook_pid=$(cat "$T/hook.pid")
	! proc_alive "$hook_pid" || fail "HOOK-01: the timed-out hook $hook_pid is still alive"
	assert_gone "$id" "$b" "after a hook timeout"
}

# HOOK-01: validated at load, naming the field; nothing is made.
case_validation() {
	local id b=$T/b-valid
	id=$(new_id)
	mkbundle "$b" '.hooks = {prestart: [{path: "/bin/true"}, {path: "bin/true"}]}'
	create_ctr "$id" "$b"
	assert_failed "HOOK-01: relative hook path"
	assert_contains "$ERR" 'hooks.prestart[1].path: "bin/true" is not an absolute path' "HOOK-01: relative path"
	assert_gone "$id" "$b" "after a relative hook path"
	cfg "$b" '.hooks = {poststop: [{path: "/bin/true", timeout: 0}]}'
	create_ctr "$id" "$b"
	assert_failed "HOOK-01: timeout 0"
	assert_contains "$ERR" "hooks.poststop[0].timeout: must be greater than zero, got 0" "HOOK-01: timeout 0"
	cfg "$b" '.hooks = {createContainer: [{path: "/bin/true", timeout: -2}]}'
	create_ctr "$id" "$b"
	assert_failed "HOOK-01: negative timeout"
	assert_contains "$ERR" "hooks.createContainer[0].timeout: must be greater than zero, got -2" "HOOK-01: timeout -2"
	assert_gone "$id" "$b" "after a bad timeout"
}

# Large annotations reach the hook whole (the state is a memfd, not a pipe).
case_large_state() {
	local id b=$T/b-large probe=$T/probe-large/p
	id=$(new_id)
	mkdir -p "$T/probe-large"
	cp "$ARCA_TOOLS/hook_probe" "$probe"
	mkbundle "$b"
	cfg "$b" '.annotations = {big: ("x" * 200000)} | .hooks = {poststart: [{path: $p}]}' --arg p "$probe"
	create_ctr "$id" "$b"
	assert_ok "create"
	capture arca start "$id"
	assert_ok "start"
	assert_eq "$(jq -r '.annotations.big | length' "$probe.stdin")" 200000 "HOOK-03: large state"
	assert_eq "$(jq -r .status "$probe.stdin")" running "HOOK-03: poststart status"
}

run_case case_all_kinds
run_case case_run
run_case case_args_env
run_case case_create_hook_fails
run_case case_signal_and_exec
run_case case_start_hook_fails
run_case case_poststart_fails
run_case case_poststop_fails
run_case case_timeout
run_case case_validation
run_case case_large_state
finish
