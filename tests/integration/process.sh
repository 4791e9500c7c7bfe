#!/bin/bash
# The container process: hostname, domainname, env, cwd, user, umask, args,
# PATH lookup, file descriptors, executable errors.
# Checklist: PROC-03..PROC-11, OP-09, OP-13, LIFE-11.
source "$ARCA_TESTS/lib/common.bash"

# PROC-09, PROC-10: hostname and domainname in the new UTS namespace.
case_hostname_domainname() {
	local id b=$T/b-host
	id=$(new_id)
	mkbundle "$b" '.hostname = "box-one.example" | .domainname = "dom.example"'
	sh_args "$b" 'echo "h=$(hostname)"; echo "k=$(cat /proc/sys/kernel/hostname)"; echo "d=$(cat /proc/sys/kernel/domainname)"'
	run_ctr "$id" "$b"
	assert_ok "run"
	assert_eq "$OUT" $'h=box-one.example\nk=box-one.example\nd=dom.example' "PROC-09/PROC-10: hostname and domainname"
	assert_ne "$(hostname)" box-one.example "PROC-09: the host's hostname changed"
}

# PROC-04: env is the complete environment, nothing from the caller.
case_env_exact() {
	local id b=$T/b-env env
	id=$(new_id)
	env='["PATH=/bin:/sbin","HOME=/root","WITH_SPACES=a b  c","EQUALS=x=y=z","EMPTY=","NONASCII=héllo"]'
	mkbundle "$b" '.process.env = $e' --argjson e "$env"
	set_args "$b" env
	export ARCA_TEST_LEAK=must-not-appear
	run_ctr "$id" "$b"
	assert_ok "run"
	assert_eq "$(sort <<<"$OUT")" "$(jq -r '.[]' <<<"$env" | sort)" "PROC-04: env inside must be exactly the config's"
}

# PROC-03: cwd, including one that does not exist yet (created, as runc does),
# and a relative one (refused).
case_cwd() {
	local id b=$T/b-cwd
	id=$(new_id)
	mkbundle "$b" '.process.cwd = "/tmp"'
	set_args "$b" pwd
	run_ctr "$id" "$b"
	assert_ok "run"
	assert_eq "$OUT" /tmp "PROC-03: cwd"

	id=$(new_id)
	cfg "$b" '.process.cwd = "/does/not/exist/yet"'
	run_ctr "$id" "$b"
	assert_ok "PROC-03: run with a cwd that does not exist yet"
	assert_eq "$OUT" /does/not/exist/yet "PROC-03: missing cwd is created"
	[ -d "$b/rootfs/does/not/exist/yet" ] || fail "PROC-03: the cwd was not created inside the rootfs"

	id=$(new_id)
	cfg "$b" '.process.cwd = "tmp"'
	create_ctr "$id" "$b"
	assert_failed "PROC-03: a relative cwd must be refused"
	assert_contains "$ERR" "process.cwd" "PROC-03: the error names the field"
	assert_gone "$id" "$b" "LIFE-11: after refused create"
}

status_ids() { # OUT FIELD: the values of one /proc/self/status line
	awk -v f="$2:" '$1 == f { $1 = ""; sub(/^ /, ""); print }' <<<"$1"
}

# PROC-06, PROC-07: uid, gid and supplementary groups, real/effective/saved.
case_user_ids() {
	local id b=$T/b-user
	id=$(new_id)
	mkbundle "$b" '.process.user = {"uid": 1000, "gid": 1001, "additionalGids": [5, 2000]}'
	set_args "$b" cat /proc/self/status
	run_ctr "$id" "$b"
	assert_ok "run as 1000:1001"
	assert_eq "$(status_ids "$OUT" Uid | tr -s ' \t' ' ')" "1000 1000 1000 1000" "PROC-06: real/effective/saved/fs uid"
	assert_eq "$(status_ids "$OUT" Gid | tr -s ' \t' ' ')" "1001 1001 1001 1001" "PROC-06: real/effective/saved/fs gid"
	assert_eq "$(status_ids "$OUT" Groups | tr -s ' \t' ' ' | sed 's/ $//')" "5 2000" "PROC-07: supplementary groups"
}

# PROC-07: without additionalGids the caller's groups are dropped.
case_groups_cleared() {
	local id b=$T/b-groups
	id=$(new_id)
	mkbundle "$b" '.process.user = {"uid": 0, "gid": 0}'
	set_args "$b" cat /proc/self/status
	command -v setpriv >/dev/null || skip_case "util-linux setpriv is needed to give arca groups to drop"
	# arca itself runs with supplementary groups 1234 and 4321
	capture setpriv --groups 1234,4321 "$ARCA" --root "$T/state" run --bundle "$b" "$id"
	assert_ok "run as 0:0"
	assert_eq "$(status_ids "$OUT" Groups | tr -d ' \t')" "" "PROC-07: without additionalGids the inherited groups are cleared"
	assert_eq "$(status_ids "$OUT" Uid | tr -s ' \t' ' ')" "0 0 0 0" "PROC-06: uid 0"
}

# PROC-08: user.umask applies.
case_umask() {
	local id b=$T/b-umask
	id=$(new_id)
	mkbundle "$b" '.process.user.umask = 63'
	sh_args "$b" 'umask; touch /tmp/newfile; stat -c %a /tmp/newfile'
	run_ctr "$id" "$b"
	assert_ok "run"
	assert_eq "$OUT" $'0077\n600' "PROC-08: umask 0077 (63)"
}

# PROC-05: args reach the program unchanged, no wrapper.
case_args_unchanged() {
	local id b=$T/b-args
	id=$(new_id)
	mkbundle "$b"
	set_args "$b" cat /proc/self/cmdline
	capture arca run --bundle "$b" "$id"
	assert_ok "run"
	printf 'cat\0/proc/self/cmdline\0' >"$T/want"
	cmp -s "$T/.out" "$T/want" || fail "PROC-05: /proc/self/cmdline is [$(tr '\0' '|' <"$T/.out")], want [cat|/proc/self/cmdline|]"

	local args=(sh -c 'cat /proc/$$/cmdline; true' 'arg zero' 'two  spaces' '' '*' '$HOME' 'quote"s' "it's" 'tab	x')
	id=$(new_id)
	set_args "$b" "${args[@]}"
	capture arca run --bundle "$b" "$id"
	assert_ok "run"
	printf '%s\0' "${args[@]}" >"$T/want"
	cmp -s "$T/.out" "$T/want" || fail "PROC-05: argv inside is [$(tr '\0' '|' <"$T/.out")], want [$(tr '\0' '|' <"$T/want")]"
}

# PROC-05: args[0] is looked up in the container's PATH, inside the rootfs.
case_path_lookup() {
	local id b=$T/b-path
	mkbundle "$b" '.process.env = ["PATH=/opt/nothere:/opt/tools:/bin"]'
	mkdir -p "$b/rootfs/opt/tools"
	printf '#!/bin/sh\necho hello-from-opt "$@"\n' >"$b/rootfs/opt/tools/hello"
	chmod 755 "$b/rootfs/opt/tools/hello"
	id=$(new_id)
	set_args "$b" hello one two
	run_ctr "$id" "$b"
	assert_ok "PROC-05: run of a program found through the container's PATH"
	assert_eq "$OUT" "hello-from-opt one two" "PROC-05: PATH lookup"

	# sh exists in the rootfs (and on the host), but not in this PATH
	id=$(new_id)
	cfg "$b" '.process.env = ["PATH=/opt/tools"]'
	set_args "$b" sh -c 'echo ran'
	create_ctr "$id" "$b"
	assert_failed "PROC-05: sh is not in the container's PATH=/opt/tools"
	assert_contains "$ERR" "executable file not found" "PROC-05: lookup failure message"
	assert_gone "$id" "$b" "LIFE-11: after refused create"
}

# fd_script: prints the open descriptors from 3 up, using builtins only (no
# program that opens a directory itself).
FD_LIST='i=3; fds=; while [ $i -lt 1100 ]; do [ -e /proc/self/fd/$i ] && fds="$fds $i"; i=$((i+1)); done; echo "fds:$fds"'

# PROC-11: only 0, 1, 2 are open, even when the caller leaks other fds; with
# --preserve-fds N, fds 3..3+N-1 are passed and nothing above.
case_fds() {
	local id b=$T/b-fds
	id=$(new_id)
	mkbundle "$b"
	sh_args "$b" "$FD_LIST"
	exec 7</dev/null 9>"$T/leak9"
	run_ctr "$id" "$b"
	assert_ok "run"
	assert_eq "$OUT" "fds:" "PROC-11: fds open in the container besides 0, 1, 2 (the caller had 7 and 9 open)"

	id=$(new_id)
	echo line-from-fd4 >"$T/fd4"
	sh_args "$b" "echo to-fd3 >&3; read l <&4; echo \"fd4:\$l\"; $FD_LIST"
	capture arca run --preserve-fds 2 --bundle "$b" "$id" 3>"$T/fd3" 4<"$T/fd4" 5>"$T/fd5"
	assert_ok "run --preserve-fds 2"
	assert_eq "$OUT" $'fd4:line-from-fd4\nfds: 3 4' "PROC-11: --preserve-fds 2 passes exactly fds 3 and 4"
	assert_eq "$(cat "$T/fd3")" to-fd3 "PROC-11: writes to the preserved fd 3"
	exec 7<&- 9>&-
}

# PROC-11: socket activation as runc does it. When LISTEN_PID names arca,
# its LISTEN_FDS fds (from 3 on) go to the program, which gets LISTEN_FDS
# and its own pid as LISTEN_PID; --preserve-fds then counts after them.
case_listen_fds() {
	local id b=$T/b-listen
	id=$(new_id)
	mkbundle "$b"
	sh_args "$b" "echo \"env:\$LISTEN_FDS:\$LISTEN_PID:\$\$\"; read l <&3; echo \"fd3:\$l\"; $FD_LIST"
	echo activated >"$T/listen3"
	local rc=0
	LISTEN_FDS=1 ARCA_BIN=$ARCA ARCA_ROOT=$T/state B=$b ID=$id bash -c \
		'export LISTEN_PID=$$; exec "$ARCA_BIN" --root "$ARCA_ROOT" run --preserve-fds 1 --bundle "$B" "$ID"' \
		3<"$T/listen3" 4>"$T/listen4" </dev/null >"$T/listen.out" 2>"$T/listen.err" || rc=$?
	assert_eq "$rc" 0 "PROC-11: run with LISTEN_FDS: $(cat "$T/listen.err")"
	OUT=$(cat "$T/listen.out")
	assert_contains "$OUT" "env:1:1:1" "PROC-11: LISTEN_FDS=1 and LISTEN_PID = the program's pid (1)"
	assert_contains "$OUT" "fd3:activated" "PROC-11: the listen fd is fd 3"
	assert_contains "$OUT" "fds: 3 4" "PROC-11: the preserved fd comes after the listen fd"

	id=$(new_id)
	sh_args "$b" 'echo "env:${LISTEN_FDS-unset}"'
	capture env LISTEN_FDS=1 LISTEN_PID=1 "$ARCA" --root "$T/state" run --bundle "$b" "$id"
	assert_ok "run with another process's LISTEN_PID"
	assert_eq "$OUT" "env:unset" "PROC-11: LISTEN_FDS meant for another process is not passed on"
}

# OP-09, LIFE-11: an executable that cannot be found fails at create (not at
# start), names it, and leaves nothing.
case_unknown_executable() {
	local id b=$T/b-noexe
	mkbundle "$b"
	id=$(new_id)
	set_args "$b" no-such-program-xyz
	create_ctr "$id" "$b"
	assert_failed "OP-09: create with an unknown executable"
	assert_contains "$ERR" "executable file not found" "PROC-05: unknown executable"
	assert_contains "$ERR" "no-such-program-xyz" "PROC-05: the error names the program"
	assert_one_line "$ERR" "one error line"
	assert_gone "$id" "$b" "LIFE-11: after refused create"

	id=$(new_id)
	set_args "$b" /bin/no-such-program-abs
	create_ctr "$id" "$b"
	assert_failed "OP-09: create with a missing absolute executable"
	assert_contains "$ERR" "/bin/no-such-program-abs" "the error names the path"
	assert_gone "$id" "$b" "LIFE-11: after refused create"

	id=$(new_id)
	printf 'not a program\n' >"$b/rootfs/bin/notexec"
	chmod 644 "$b/rootfs/bin/notexec"
	set_args "$b" /bin/notexec
	create_ctr "$id" "$b"
	assert_failed "OP-09: create with a non-executable file as args[0]"
	assert_contains "$ERR" "/bin/notexec" "the error names the path"
	assert_gone "$id" "$b" "LIFE-11: after refused create"
}

# OP-13, BND-09: process is optional at create; start then fails.
case_no_process() {
	local id b=$T/b-noproc
	id=$(new_id)
	mkbundle "$b" 'del(.process)'
	create_ctr "$id" "$b"
	assert_ok "BND-09: create without process"
	assert_eq "$(state_field "$id" .status)" created "OP-07: status"
	capture arca start "$id"
	assert_failed "OP-13: start without process"
	assert_contains "$ERR" "process" "OP-13: the error names process"
}

run_case case_hostname_domainname
run_case case_env_exact
run_case case_cwd
run_case case_user_ids
run_case case_groups_cleared
run_case case_umask
run_case case_args_unchanged
run_case case_path_lookup
run_case case_fds
run_case case_listen_fds
run_case case_unknown_executable
run_case case_no_process
finish
