# Section 2b: the lifecycle (LIFE)

# hook JSON for a host shell command
hook() { jq -cn --arg c "$1" '{path: "/bin/sh", args: ["sh", "-c", $c]}'; }

row LIFE-01 MUST "create builds the whole environment, or fails"
t_LIFE_01() {
	local b id pid r=0 ns h
	b=$(mkbundle life01)
	prog "$b" "$WAIT_GO"
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" create || return 1
	pid=$(pid_of "$id")
	for ns in pid net ipc uts mnt; do
		[ "$(ns_of "$pid" $ns)" != "$(ns_of $$ $ns)" ] || { say "after create: no new $ns namespace"; r=1; }
	done
	h=$(nsenter -t "$pid" -u hostname 2>&1)
	[ "$h" = oci-conformance ] || { say "after create: hostname is [$h]"; r=1; }
	awk '$5 == "/proc" { f = 1 } END { exit !f }' "/proc/$pid/mountinfo" || { say "after create: /proc is not mounted"; r=1; }
	awk '$5 == "/dev/pts" { f = 1 } END { exit !f }' "/proc/$pid/mountinfo" || { say "after create: /dev/pts is not mounted"; r=1; }
	force_delete "$id"
	b=$(mkbundle life01b '.mounts += [{"destination": "/oci/nofs", "type": "oci-no-such-fs", "source": "none"}]')
	id=$(new_id)
	expect_create_fails "$id" "$b" "a mount of an unknown filesystem type" || r=1
	return $r
}

row LIFE-02 "MUST NOT" "create does not run the user program"
t_LIFE_02() {
	local b id pid
	b=$(mkbundle life02)
	prog "$b" 'touch /oci-ran'
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" create || return 1
	sleep 0.2
	[ ! -e "$(in_rootfs "$b" /oci-ran)" ] || fail "the program ran during create"
	pid=$(pid_of "$id")
	rt start "$id" >/dev/null 2>&1 || fail "start failed"
	wait_until 5 test -e "$(in_rootfs "$b" /oci-ran)" || fail "the program did not run after start either"
}

row LIFE-03 "MUST NOT" "editing config.json after create has no effect"
t_LIFE_03() {
	local b id pid got
	b=$(mkbundle life03 '.process.env += ["OCI_MARK=original"]')
	prog "$b" 'echo "$OCI_MARK" > /oci-life03; hostname > /oci-life03-host'
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" create || return 1
	pid=$(pid_of "$id")
	echo '{"ociVersion": "1.0.0"}' >"$b/config.json"
	[ "$(status_of "$id")" = created ] || fail "after editing config.json, state says $(status_of "$id")"
	capture rt start "$id"
	[ "$RC" = 0 ] || fail "start after editing config.json failed: $(short "$ERR")"
	wait_dead "$pid" 10
	got=$(cat "$(in_rootfs "$b" /oci-life03)" 2>/dev/null)
	[ "$got" = original ] || fail "the program saw OCI_MARK=[$got], not the original config's value"
	got=$(cat "$(in_rootfs "$b" /oci-life03-host)" 2>/dev/null)
	[ "$got" = oci-conformance ] || fail "the hostname is [$got] after the edit"
}

row LIFE-04 MUST "prestart, createRuntime, createContainer hooks run in order during create; a failure is an error, destroy, poststop"
t_LIFE_04() {
	local b id r=0 log=$T/life04.log got
	: >"$log"
	b=$(mkbundle life04 '.hooks = {prestart: [$p], createRuntime: [$r], createContainer: [$c]}' \
		--argjson p "$(hook "echo prestart >> $log")" --argjson r "$(hook "echo createRuntime >> $log")" \
		--argjson c "$(hook "echo createContainer >> $log")")
	prog "$b" "echo program >> /oci-program"
	id=$(new_id)
	create "$id" "$b"
	if created_ok "$id" "create with hooks"; then
		got=$(tr '\n' ' ' <"$log")
		[ "$got" = "prestart createRuntime createContainer " ] ||
			{ say "after create the hooks ran as [$got], expected prestart createRuntime createContainer"; r=1; }
		[ ! -e "$(in_rootfs "$b" /oci-program)" ] || { say "the program ran during create"; r=1; }
	else
		r=1
	fi
	force_delete "$id"
	: >"$log"
	b=$(mkbundle life04f '.hooks = {createRuntime: [$f], poststop: [$s]}' \
		--argjson f "$(hook "echo failing >> $log; exit 1")" --argjson s "$(hook "echo poststop >> $log")")
	prog "$b" "echo program >> /oci-program"
	id=$(new_id)
	expect_create_fails "$id" "$b" "a failing createRuntime hook" || r=1
	[ ! -e "$(in_rootfs "$b" /oci-program)" ] || { say "the program ran although a hook failed"; r=1; }
	grep -q poststop "$log" || { say "the poststop hook did not run after the failed create (steps 12-13)"; r=1; }
	return $r
}

row LIFE-05 MUST "startContainer hooks run at start before the program; a failure is an error, the container is stopped"
t_LIFE_05() {
	local b id r=0 got pid log=$T/life05.log
	b=$(mkbundle life05 '.hooks = {startContainer: [{path: "/bin/sh", args: ["sh", "-c", "echo startContainer >> /oci-hooklog"]}]}')
	prog "$b" 'echo program >> /oci-hooklog'
	id=$(new_id)
	run_to_end "$id" "$b"
	if [ "$RC" != 0 ]; then
		say "with a startContainer hook: $PHASE failed: $(short "$ERR")"
		r=1
	else
		got=$(tr '\n' ' ' <"$(in_rootfs "$b" /oci-hooklog)")
		[ "$got" = "startContainer program " ] || { say "hook and program ran as [$got]"; r=1; }
	fi
	force_delete "$id"
	: >"$log"
	b=$(mkbundle life05f '.hooks = {startContainer: [{path: "/bin/sh", args: ["sh", "-c", "exit 1"]}], poststop: [$s]}' \
		--argjson s "$(hook "echo poststop >> $log")")
	prog "$b" 'echo program >> /oci-hooklog'
	id=$(new_id)
	create "$id" "$b"
	if ! created_ok "$id" "create with a failing startContainer hook"; then
		return 1
	fi
	pid=$(pid_of "$id")
	capture rt start "$id"
	[ "$RC" != 0 ] || { say "start succeeded although the startContainer hook failed"; r=1; }
	wait_dead "$pid" 5 || { say "the container process is still alive after the failed start"; r=1; }
	[ ! -e "$(in_rootfs "$b" /oci-hooklog)" ] || { say "the program ran although its startContainer hook failed"; r=1; }
	case $(status_of "$id") in
	"" | stopped) ;;
	*) say "after the failed start the status is $(status_of "$id")"; r=1 ;;
	esac
	if ! grep -q poststop "$log"; then
		if rt state "$id" >/dev/null 2>&1; then
			note "the stopped container remains until delete; poststop runs then"
			rt delete "$id" >/dev/null 2>&1
			grep -q poststop "$log" || { say "poststop did not run on delete"; r=1; }
		else
			say "the container was removed but poststop did not run"
			r=1
		fi
	fi
	return $r
}

row LIFE-06 MUST "start runs the program described by process"
t_LIFE_06() {
	local b id r=0
	b=$(mkbundle life06)
	cfg "$b" '.process.args = ["/bin/sh", "-c", "echo \"life06 $0 $1\"", "first", "second"]'
	id=$(new_id)
	run_to_end "$id" "$b"
	[ "$RC" = 0 ] || fail "$PHASE failed: $(short "$ERR")"
	[ "$OUTPUT" = "life06 first second" ] || { say "the program printed [$OUTPUT]"; r=1; }
	inside base LIFE-06 || r=1
	return $r
}

row LIFE-07 MUST "poststart hooks run after the program started, before start returns; a failure is an error, stop, destroy"
t_LIFE_07() {
	local b id r=0 pid log=$T/life07.log
	: >"$log"
	b=$(mkbundle life07 '.hooks = {poststart: [$p]}' --argjson p "$(hook "echo poststart >> $log")")
	prog "$b" "touch /oci-started; $WAIT_GO"
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" create || return 1
	sleep 0.05
	! grep -q poststart "$log" || { say "the poststart hook ran during create"; r=1; }
	capture rt start "$id"
	[ "$RC" = 0 ] || { say "start failed: $(short "$ERR")"; return 1; }
	grep -q poststart "$log" || { say "the poststart hook had not run when start returned"; r=1; }
	go "$b"
	force_delete "$id"
	: >"$log"
	b=$(mkbundle life07f '.hooks = {poststart: [$f], poststop: [$s]}' \
		--argjson f "$(hook "exit 1")" --argjson s "$(hook "echo poststop >> $log")")
	prog "$b" "touch /oci-started; $WAIT_GO"
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" "create with a failing poststart hook" || return 1
	pid=$(pid_of "$id")
	capture rt start "$id"
	[ "$RC" != 0 ] || { say "start succeeded although a poststart hook failed (v1.3: error, stop, destroy)"; r=1; }
	wait_dead "$pid" 5 || { say "the container process is still running after the poststart failure"; r=1; }
	if ! grep -q poststop "$log"; then
		rt delete -f "$id" >/dev/null 2>&1
		say "poststop had not run after the failed poststart"
		r=1
	fi
	return $r
}

row LIFE-08 MUST* "after the process exits, crashes, is killed or is a zombie, state says stopped"
t_LIFE_08() {
	local b id pid r=0
	# exits
	b=$(mkbundle life08)
	prog "$b" 'exit 3'
	id=$(new_id)
	run_to_end "$id" "$b"
	[ "$RC" = 0 ] || { say "exit: $PHASE failed: $(short "$ERR")"; r=1; }
	wait_status "$id" stopped 5 || { say "after the program exited, status is \"$(status_of "$id")\""; r=1; }
	force_delete "$id"
	# killed from outside the runtime
	b=$(mkbundle life08k)
	prog "$b" "$WAIT_GO"
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" create || return 1
	pid=$(pid_of "$id")
	rt start "$id" >/dev/null 2>&1
	kill -KILL "$pid"
	wait_status "$id" stopped 5 || { say "after kill -9 of pid $pid from the host, status is \"$(status_of "$id")\""; r=1; }
	force_delete "$id"
	# crashes (no pid namespace, so the signal's default action applies)
	b=$(mkbundle life08c '.linux.namespaces |= map(select(.type != "pid"))')
	prog "$b" 'kill -SEGV $$'
	id=$(new_id)
	run_to_end "$id" "$b"
	[ "$RC" = 0 ] || { say "crash: $PHASE failed: $(short "$ERR")"; r=1; }
	wait_status "$id" stopped 5 || { say "after the program died of SIGSEGV, status is \"$(status_of "$id")\""; r=1; }
	force_delete "$id"
	# a zombie: the caller (a subreaper, like containerd's shim) has not reaped it yet
	b=$(mkbundle life08z)
	prog "$b" 'exit 0'
	id=$(new_id)
	finalize "$b" "$id"
	touch "$T/life08.hold"
	(
		umask "$CALLER_UMASK"
		exec "$CHECKER" subreaper "$T/life08.hold" timeout 30 "$RT" --root "$STATE" create --bundle "$b" "$id"
	) <"$b/ctr.in" >"$T/life08.sr" 2>"$T/life08.err" &
	local helper=$!
	track_pid $helper
	wait_until 10 test -s "$T/life08.sr"
	if [ "$(head -1 "$T/life08.sr")" != 0 ]; then
		say "create under a subreaper failed: $(short "$(cat "$T/life08.err")")"
		rm -f "$T/life08.hold"
		return 1
	fi
	pid=$(pid_of "$id")
	rt start "$id" >/dev/null 2>&1
	if wait_until 5 grep -q '^State:.Z' "/proc/$pid/status"; then
		[ "$(status_of "$id")" = stopped ] || { say "the exited, unreaped (zombie) process: status is \"$(status_of "$id")\""; r=1; }
	else
		say "could not make the process a zombie: $(grep ^State "/proc/$pid/status" 2>&1)"
		r=1
	fi
	rm -f "$T/life08.hold"
	wait $helper 2>/dev/null
	return $r
}

row LIFE-09 MUST "delete destroys what create made: processes, namespaces, cgroups, state"
t_LIFE_09() {
	local b id pid r=0 net procs p
	b=$(mkbundle life09)
	prog "$b" "sleep 1000 & sleep 1000 & touch /oci-started; $WAIT_GO"
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" create || return 1
	pid=$(pid_of "$id")
	net=$(ns_of "$pid" net)
	rt start "$id" >/dev/null 2>&1
	wait_until 5 test -e "$(in_rootfs "$b" /oci-started)" || { say "the program did not start"; return 1; }
	procs=$(procs_in_cgroup "$id")
	[ -n "$procs" ] || { say "no process found in the container's cgroup $CGPARENT/$id"; r=1; }
	rt kill "$id" KILL >/dev/null 2>&1
	wait_status "$id" stopped 5
	capture rt delete "$id"
	[ "$RC" = 0 ] || { say "delete of the stopped container failed: $(short "$ERR")"; return 1; }
	no_trace "$id" "$b" || r=1
	for p in $procs; do
		alive "$p" && { say "process $p of the container is still alive"; r=1; }
	done
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/ns/net" 2>/dev/null)" != "$net" ] || { say "${p#/proc/} is still in the container's network namespace"; r=1; }
	done
	return $r
}

row LIFE-10 MUST "a failing poststop hook is a warning: later hooks run, delete succeeds"
t_LIFE_10() {
	local b id r=0 log=$T/life10.log
	: >"$log"
	b=$(mkbundle life10 '.hooks = {poststop: [$f, $s]}' \
		--argjson f "$(hook "echo first >> $log; exit 1")" --argjson s "$(hook "echo second >> $log")")
	prog "$b" 'exit 0'
	id=$(new_id)
	run_to_end "$id" "$b"
	[ "$RC" = 0 ] || fail "$PHASE failed: $(short "$ERR")"
	capture rt --log "$T/life10.rtlog" delete "$id"
	[ "$RC" = 0 ] || { say "delete failed because of the failing poststop hook: $(short "$ERR")"; r=1; }
	[ "$(tr '\n' ' ' <"$log")" = "first second " ] || { say "poststop hooks ran as [$(tr '\n' ' ' <"$log")]"; r=1; }
	rt state "$id" >/dev/null 2>&1 && { say "the container still exists after delete"; r=1; }
	if grep -qi -e warn -e hook -e poststop "$T/life10.rtlog" 2>/dev/null || grep -qi -e warn -e hook -e poststop <<<"$ERR$OUT"; then
		:
	else
		say "no warning about the failed hook on stderr or in the log"
		r=1
	fi
	return $r
}

row LIFE-11 MUST "a failed create leaves nothing behind (late failure: after cgroups, namespaces, mounts)"
t_LIFE_11() {
	local b id r=0 p
	b=$(mkbundle life11 '.mounts += [{"destination": "/oci/a", "type": "tmpfs", "source": "tmpfs"},
		{"destination": "/oci/missing", "type": "bind", "source": "/oci-conformance-no-such-source", "options": ["rbind"]}]')
	id=$(new_id)
	expect_create_fails "$id" "$b" "a bind mount of a missing source as the last mount" || r=1
	for p in /proc/[0-9]*; do
		grep -q "$CGPARENT/$id\$" "$p/cgroup" 2>/dev/null && { say "process ${p#/proc/} is left in the container's cgroup"; r=1; }
	done
	# the ID is free again
	b=$(mkbundle life11ok)
	prog "$b" 'echo reuse-ok'
	run_to_end "$id" "$b"
	[ "$RC" = 0 ] && [ "$OUTPUT" = reuse-ok ] || { say "the ID of the failed create cannot be used again: $PHASE: $(short "$ERR")"; r=1; }
	return $r
}

row LIFE-12 MUST "a logged warning does not change the flow"
t_LIFE_12() {
	local b id r=0 log=$T/life12.log
	: >"$log"
	# the same container with and without a warning (a failing poststop hook):
	# delete must end the same way
	b=$(mkbundle life12 '.hooks = {poststop: [$f, $s]}' \
		--argjson f "$(hook "exit 7")" --argjson s "$(hook "echo after-warning >> $log")")
	prog "$b" "$WAIT_GO"
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" create || return 1
	rt start "$id" >/dev/null 2>&1
	go "$b"
	wait_status "$id" stopped 10
	capture rt delete "$id"
	[ "$RC" = 0 ] || { say "delete exits $RC after the warning"; r=1; }
	grep -q after-warning "$log" || { say "the hook after the warning did not run"; r=1; }
	no_trace "$id" "$b" || r=1
	return $r
}

row LIFE-13 MUST "the container is reachable from later invocations with the same state root, not from others"
t_LIFE_13() {
	local b id pid
	b=$(mkbundle life13)
	prog "$b" "touch /oci-started; $WAIT_GO"
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" create || return 1
	pid=$(pid_of "$id")
	mkdir -p "$T/other-root"
	rt_root "$T/other-root" state "$id" >/dev/null 2>&1 && fail "another state root sees the container"
	capture rt start "$id"
	[ "$RC" = 0 ] || fail "start from a second invocation failed: $(short "$ERR")"
	wait_until 5 test -e "$(in_rootfs "$b" /oci-started)" || fail "the program did not start"
	[ "$(status_of "$id")" = running ] || fail "a third invocation sees status $(status_of "$id")"
	capture rt kill "$id" KILL
	[ "$RC" = 0 ] || fail "kill from a fourth invocation failed: $(short "$ERR")"
	wait_dead "$pid" 5 || fail "the process survived kill"
	wait_status "$id" stopped 5 || fail "status is $(status_of "$id") after kill"
	capture rt delete "$id"
	[ "$RC" = 0 ] || fail "delete failed: $(short "$ERR")"
	no_trace "$id" "$b"
}
