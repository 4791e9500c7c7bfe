# Section 3: the process (PROC)

row PROC-01 MUST* "terminal: a pty as stdio and controlling terminal, master to --console-socket; else stdio passed through"
t_PROC_01() { inside_all PROC-01 base terminal; }

_recvtty_pid=""
_wait_recvtty() { [ -z "$_recvtty_pid" ] || wait_dead "$_recvtty_pid" 5; }

scen_terminal() {
	local b sock=$T/tty.sock
	b=$(mkbundle terminal '.process.terminal = true | .process.consoleSize = {height: 37, width: 101}')
	"$CHECKER" recvtty "$sock" "$T/scen/terminal.tty" </dev/null >"$T/recvtty.log" 2>&1 &
	_recvtty_pid=$!
	track_pid "$_recvtty_pid"
	wait_until 5 test -S "$sock" || { echo "the console socket receiver did not start" >"$T/scen/terminal.status"; return 0; }
	INSIDE_OUTFILE=$T/scen/terminal.tty INSIDE_WAIT=_wait_recvtty inside_run terminal "$b" --console-socket "$sock"
}

row PROC-02 MUST "consoleSize sets the pty size; ignored without a terminal"
t_PROC_02() { inside_all PROC-02 terminal consolesize-noterm; }

scen_consolesize_noterm() {
	local b
	b=$(mkbundle consolesize-noterm '.process.consoleSize = {height: 10, width: 20}')
	inside_run consolesize-noterm "$b"
}

row PROC-03 MUST "cwd is the working directory; a relative cwd is refused"
t_PROC_03() {
	local b id r=0
	inside_all PROC-03 base user || r=1
	b=$(mkbundle proc03 '.process.cwd = "oci/cwd"')
	id=$(new_id)
	expect_create_fails "$id" "$b" "relative cwd \"oci/cwd\"" || r=1
	return $r
}

row PROC-04 MUST* "env is the program's complete environment"
t_PROC_04() { inside_all PROC-04 base user; }

row PROC-05 MUST "args: at least one; args[0] found in the container's PATH; argv unchanged"
t_PROC_05() {
	local b id r=0 pid
	inside_all PROC-05 base user || r=1
	b=$(mkbundle proc05 '.process.args = []')
	id=$(new_id)
	create "$id" "$b"
	if [ "$RC" = 0 ]; then
		pid=$(pid_of "$id")
		capture rt start "$id"
		if [ "$RC" = 0 ]; then
			say "empty process.args: create and start both succeed"
			r=1
		else
			note "empty process.args is refused at start, not at create"
		fi
	else
		say "empty process.args: create fails: $(short "$ERR" 120)"
		no_trace "$id" "$b" || r=1
	fi
	return $r
}

row PROC-06 MUST* "user.uid and user.gid are the real, effective and saved ids"
t_PROC_06() { inside_all PROC-06 base user; }

row PROC-07 MUST* "additionalGids are exactly the supplementary groups"
t_PROC_07() { inside_all PROC-07 base user; }

row PROC-08 "SHOULD (lc)" "umask applied when given; otherwise the caller's umask is kept"
t_PROC_08() { inside_all PROC-08 base user; }

row PROC-09 MUST* "hostname is set in the container's UTS namespace (the host's is untouched)"
t_PROC_09() {
	local before r=0
	before=$(hostname)
	inside_all PROC-09 base user || r=1
	[ "$(hostname)" = "$before" ] || { say "the host's hostname changed to $(hostname)"; r=1; }
	return $r
}

row PROC-10 MUST* "domainname is set in the container's UTS namespace"
t_PROC_10() { inside user PROC-10; }

row PROC-11 "MUST*/MAY" "only fds 0-2 reach the program; --preserve-fds passes more"
t_PROC_11() {
	local r=0
	inside base PROC-11 || r=1
	inside fds PROC-11 soft || r=1
	return $r
}

scen_fds() {
	local b
	b=$(mkbundle fds)
	echo preserved >"$T/fd3.file"
	exec 3<"$T/fd3.file"
	ann "$b" fds "3:$(devino "$T/fd3.file")"
	KEEP_FDS=3 inside_run fds "$b" --preserve-fds 1
	exec 3<&-
}
