#!/bin/bash
# Terminals: process.terminal with --console-socket gives the program a pty on
# 0, 1, 2 and /dev/console, sized by consoleSize; the master reaches the
# socket; without the socket create fails cleanly.
# A foreground run without the socket proxies the pty itself, like runc.
# Checklist: PROC-01, PROC-02, DEV-09 (/dev/console), §C (create
# --console-socket), LIFE-11.
source "$ARCA_TESTS/lib/common.bash"
RECVTTY=$ARCA_TOOLS/recvtty
[ -x "$RECVTTY" ] || skip "the helper $RECVTTY is not built (tests/tools/recvtty.c)"

TTY_SCRIPT='tty; for f in 0 1 2; do [ -t $f ] && echo "fd$f-tty"; done; echo "size=$(stty size)"
	stat -c "console=%F %t" /dev/console; read line; echo "got:$line"'

# start_recvtty SOCKET [-i LINE]: the receiver in the background; waits for
# its socket. Output in $T/tty.out, its report in $T/tty.err.
start_recvtty() {
	local sock=$1
	shift
	"$RECVTTY" -t 60 "$@" "$sock" </dev/null >"$T/tty.out" 2>"$T/tty.err" &
	RECV_PID=$!
	track_pid "$RECV_PID"
	wait_until 5 test -S "$sock" || fail "recvtty did not start: $(cat "$T/tty.err")"
}

# wait for recvtty to finish (the pty closed); sets TTY_OUT without CRs
finish_recvtty() {
	local rc=0
	wait "$RECV_PID" || rc=$?
	[ "$rc" = 0 ] || fail "PROC-01: recvtty failed (status $rc): $(cat "$T/tty.err")"
	TTY_OUT=$(tr -d '\r' <"$T/tty.out")
}

check_tty_output() { # LABEL
	# the first line is the echo of the typed line, then tty(1)'s answer
	grep -Eqx '/dev/(pts/[0-9]+|console)' <<<"$TTY_OUT" ||
		fail "PROC-01: $1: tty(1) inside must name the terminal: [$TTY_OUT]"
	local f
	for f in 0 1 2; do
		assert_contains "$TTY_OUT" "fd$f-tty" "PROC-01: $1: fd $f must be the terminal"
	done
	assert_contains "$TTY_OUT" "size=24 80" "PROC-02: $1: consoleSize 24x80"
	assert_contains "$TTY_OUT" "console=character special file 88" "DEV-09: $1: /dev/console must be the pty slave (char 136:N)"
	assert_contains "$TTY_OUT" "got:typed-line" "PROC-01: $1: input written to the master reaches the program"
}

# PROC-01, PROC-02, DEV-09: run with a terminal.
case_run_terminal() {
	local id b=$T/b-tty
	id=$(new_id)
	mkbundle "$b" '.process.terminal = true | .process.consoleSize = {"height": 24, "width": 80}'
	sh_args "$b" "$TTY_SCRIPT"
	start_recvtty "$T/run.sock" -i typed-line
	run_ctr "$id" "$b" --console-socket "$T/run.sock"
	assert_ok "PROC-01: run --console-socket"
	finish_recvtty
	assert_contains "$(cat "$T/tty.err")" "ptn:" "§C: the socket must receive a pty master"
	assert_eq "$OUT" "" "PROC-01: with a terminal, nothing goes to run's own stdout"
	check_tty_output "run"
	assert_gone "$id" "$b" "after run"
}

# §C: create --console-socket sends the master during create; start runs the
# program on it (containerd's flow).
case_create_start_terminal() {
	local id b=$T/b-tty2
	id=$(new_id)
	mkbundle "$b" '.process.terminal = true | .process.consoleSize = {"height": 24, "width": 80}'
	sh_args "$b" "$TTY_SCRIPT"
	start_recvtty "$T/create.sock" -i typed-line
	create_ctr "$id" "$b" --console-socket "$T/create.sock"
	assert_ok "create --console-socket"
	wait_until 5 grep -q '^ptn:' "$T/tty.err" ||
		fail "§C: create returned but the socket has no pty master: $(cat "$T/tty.err")"
	assert_eq "$(ctr_out "$id")" "" "PROC-01: container output on create's stdout"
	capture arca start "$id"
	assert_ok "start"
	finish_recvtty
	check_tty_output "create+start"
	wait_status "$id" stopped 5
}

# issue 3, LIFE-11: terminal true without --console-socket fails, names the
# flag, leaves nothing; a console socket without a terminal is refused too.
case_terminal_without_socket() {
	local id b=$T/b-tty3
	id=$(new_id)
	mkbundle "$b" '.process.terminal = true'
	create_ctr "$id" "$b"
	assert_failed "terminal true without --console-socket"
	assert_contains "$ERR" "--console-socket" "the error names the flag"
	assert_one_line "$ERR" "one error line"
	assert_gone "$id" "$b" "LIFE-11: after refused create"

	id=$(new_id)
	cfg "$b" '.process.terminal = false'
	start_recvtty "$T/unused.sock"
	create_ctr "$id" "$b" --console-socket "$T/unused.sock"
	assert_failed "--console-socket with terminal false"
	assert_contains "$ERR" "terminal" "the error names process.terminal"
	assert_gone "$id" "$b" "LIFE-11: after refused create"
}

# PROC-01, runc's behaviour: a foreground `run` with a terminal and no
# --console-socket keeps the pty itself and copies it to and from its own
# stdio; `run --detach` has nowhere to put it and fails like create.
case_run_terminal_proxied() {
	local id b=$T/b-tty4
	id=$(new_id)
	mkbundle "$b" '.process.terminal = true | .process.consoleSize = {"height": 24, "width": 80}'
	sh_args "$b" "$TTY_SCRIPT"
	local rc=0
	printf 'typed-line\n' | arca run --bundle "$b" "$id" >"$T/proxy.out" 2>"$T/proxy.err" || rc=$?
	assert_eq "$rc" 0 "PROC-01: run with a proxied terminal: $(cat "$T/proxy.err")"
	TTY_OUT=$(tr -d '\r' <"$T/proxy.out")
	check_tty_output "run without --console-socket"
	assert_gone "$id" "$b" "after the proxied run"

	id=$(new_id)
	capture arca run --detach --bundle "$b" "$id"
	assert_failed "run --detach with a terminal and no --console-socket"
	assert_contains "$ERR" "--console-socket" "the error names the flag"
	assert_gone "$id" "$b" "LIFE-11: after refused run --detach"
}

run_case case_run_terminal
run_case case_run_terminal_proxied
run_case case_create_start_terminal
run_case case_terminal_without_socket
finish
