# Section 2c: operations (OP)

# a created container whose program waits for /oci-go; sets b, id, pid
_waiting() {
	b=$(mkbundle "$1")
	prog "$b" "echo run >> /oci-runs; touch /oci-started; $WAIT_GO"
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" create || return 1
	pid=$(pid_of "$id")
	return 0
}

runs_of() { wc -l <"$(in_rootfs "$1" /oci-runs)" 2>/dev/null || echo 0; }

row OP-01 MUST "state, create, start, kill and delete work as a sequence"
t_OP_01() {
	local b id pid
	_waiting op01 || return 1
	capture rt state "$id"
	[ "$RC" = 0 ] && [ "$(jq -r .status <<<"$OUT")" = created ] || fail "state after create: $(short "$OUT $ERR")"
	capture rt start "$id"
	[ "$RC" = 0 ] || fail "start: $(short "$ERR")"
	wait_status "$id" running 5 || fail "not running after start"
	capture rt kill "$id" KILL
	[ "$RC" = 0 ] || fail "kill: $(short "$ERR")"
	wait_status "$id" stopped 5 || fail "not stopped after kill"
	capture rt delete "$id"
	[ "$RC" = 0 ] || fail "delete: $(short "$ERR")"
	rt state "$id" >/dev/null 2>&1 && fail "state still answers after delete"
	return 0
}

row OP-02 MUST "state without an ID is an error"
t_OP_02() {
	capture rt state
	[ "$RC" != 0 ] || fail "state without an ID exits 0: $(short "$OUT")"
}

row OP-03 MUST "state of an unknown ID is an error"
t_OP_03() {
	capture rt state oci-conformance-no-such-container
	[ "$RC" != 0 ] || fail "state of an unknown ID exits 0: $(short "$OUT")"
	say "error: $(short "$ERR" 120)"
}

row OP-04 MUST "state returns the state object of the container"
t_OP_04() {
	local b id pid s
	_waiting op04 || return 1
	capture rt state "$id"
	[ "$RC" = 0 ] || fail "state failed: $(short "$ERR")"
	s=$OUT
	jq -e . <<<"$s" >/dev/null 2>&1 || fail "state output is not JSON: $(short "$s")"
	[ "$(jq -r .id <<<"$s")" = "$id" ] || fail "state.id is not $id"
	[ "$(jq -r .pid <<<"$s")" = "$pid" ] || fail "state.pid changed"
	[ "$(jq -r .bundle <<<"$s")" = "$b" ] || fail "state.bundle is $(jq -r .bundle <<<"$s"), not $b"
	[ -z "$ERR" ] || note "state writes to stderr on success: $(short "$ERR" 100)"
	go "$b"
}

row OP-05 MUST "create without an ID or without a bundle is an error"
t_OP_05() {
	local b r=0 id
	b=$(mkbundle op05)
	finalize "$b" x
	capture rt create --bundle "$b"
	[ "$RC" != 0 ] || { say "create without an ID exits 0"; r=1; }
	mkdir -p "$T/empty"
	cd "$T/empty" || return 1
	id=$(new_id)
	capture rt create "$id"
	[ "$RC" != 0 ] || { say "create from a cwd without config.json (no --bundle) exits 0"; r=1; }
	no_trace "$id" || r=1
	id=$(new_id)
	capture rt create --bundle "$T/no-such-bundle" "$id"
	[ "$RC" != 0 ] || { say "create with a missing bundle directory exits 0"; r=1; }
	no_trace "$id" || r=1
	cd "$T/cwd" || true
	return $r
}

row OP-06 MUST "create with an ID in use, or an invalid ID, is an error; UUIDs are accepted"
t_OP_06() {
	local b id pid r=0 bad uuid
	_waiting op06 || return 1
	local b2
	b2=$(mkbundle op06b)
	create "$id" "$b2"
	[ "$RC" != 0 ] || { say "a second create with $id succeeded"; r=1; }
	[ "$(status_of "$id")" = created ] && [ "$(pid_of "$id")" = "$pid" ] ||
		{ say "the existing container changed: $(short "$(state_of "$id")")"; r=1; }
	force_delete "$id"
	uuid=$(cat /proc/sys/kernel/random/uuid)
	b=$(mkbundle op06u)
	create "$uuid" "$b"
	[ "$RC" = 0 ] || { say "a UUID container ID ($uuid) is refused: $(short "$ERR")"; r=1; }
	force_delete "$uuid"
	for bad in "" . .. "a/b" "../oci-escape"; do
		b=$(mkbundle op06x)
		create "$bad" "$b"
		if [ "$RC" = 0 ]; then
			note "the ID \"$bad\" is accepted"
			force_delete "$bad"
			[ ! -e "$T/oci-escape" ] || { say "the ID \"$bad\" wrote outside the state root"; r=1; }
		fi
	done
	return $r
}

row OP-07 MUST "create produces a container in status created"
t_OP_07() {
	local b id pid
	_waiting op07 || return 1
	alive "$pid" || fail "the container process $pid is not alive after create"
	go "$b"
}

row OP-08 "MUST/MUST NOT" "create applies everything but process.args (namespaces, mounts, cgroup, hostname)"
t_OP_08() {
	local b id pid r=0 ns
	_waiting op08 || return 1
	for ns in pid net ipc uts mnt; do
		[ "$(ns_of "$pid" $ns)" != "$(ns_of $$ $ns)" ] || { say "no new $ns namespace at create"; r=1; }
	done
	[ "$(nsenter -t "$pid" -u hostname 2>&1)" = oci-conformance ] || { say "hostname not set at create"; r=1; }
	awk '$5 == "/dev/mqueue" { f = 1 } END { exit !f }' "/proc/$pid/mountinfo" || { say "mounts not made at create"; r=1; }
	grep -q "$CGPARENT/$id\$" "/proc/$pid/cgroup" || { say "the process is not in its cgroup at create: $(tr '\n' ' ' <"/proc/$pid/cgroup")"; r=1; }
	[ ! -e "$(in_rootfs "$b" /oci-started)" ] || { say "process.args ran at create"; r=1; }
	go "$b"
	return $r
}

row OP-09 MUST "a property that cannot be applied is an error and no container is created"
t_OP_09() {
	local b id r=0
	b=$(mkbundle op09 '.mounts += [{"destination": "/oci/x", "type": "none", "source": "/oci-conformance-no-such-dir", "options": ["bind"]}]')
	id=$(new_id)
	expect_create_fails "$id" "$b" "bind of a missing source" || r=1
	b=$(mkbundle op09b '.linux.namespaces |= map(select(.type != "network")) + [{"type": "network", "path": "/proc/self/ns/uts"}]')
	id=$(new_id)
	expect_create_fails "$id" "$b" "network namespace path that is a uts namespace" || r=1
	return $r
}

row OP-10 MUST "start without an ID is an error"
t_OP_10() {
	capture rt start
	[ "$RC" != 0 ] || fail "start without an ID exits 0"
}

row OP-11 MUST "start on a container that is not created is an error without effect"
t_OP_11() {
	local b id pid r=0
	capture rt start oci-conformance-no-such-container
	[ "$RC" != 0 ] || { say "start of an unknown ID exits 0"; r=1; }
	_waiting op11 || return 1
	rt start "$id" >/dev/null 2>&1 || { say "first start failed"; return 1; }
	wait_until 5 test -e "$(in_rootfs "$b" /oci-started)"
	capture rt start "$id"
	[ "$RC" != 0 ] || { say "start of a running container exits 0"; r=1; }
	sleep 0.05
	[ "$(runs_of "$b")" = 1 ] || { say "the program ran $(runs_of "$b") times"; r=1; }
	[ "$(status_of "$id")" = running ] || { say "the running container is now $(status_of "$id")"; r=1; }
	go "$b"
	wait_status "$id" stopped 10
	capture rt start "$id"
	[ "$RC" != 0 ] || { say "start of a stopped container exits 0"; r=1; }
	sleep 0.05
	[ "$(runs_of "$b")" = 1 ] || { say "after start on the stopped container the program ran $(runs_of "$b") times"; r=1; }
	[ "$(status_of "$id")" = stopped ] || { say "the stopped container is now $(status_of "$id")"; r=1; }
	return $r
}

row OP-12 MUST "start runs the user program"
t_OP_12() {
	local b id pid
	_waiting op12 || return 1
	capture rt start "$id"
	[ "$RC" = 0 ] || fail "start failed: $(short "$ERR")"
	wait_until 5 test -e "$(in_rootfs "$b" /oci-started)" || fail "the program did not run"
	go "$b"
}

row OP-13 MUST "without process, create succeeds and start fails"
t_OP_13() {
	local b id
	b=$(mkbundle op13 'del(.process)')
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" "create without process" || return 1
	capture rt start "$id"
	[ "$RC" != 0 ] || fail "start of a container without process exits 0"
	say "start fails: $(short "$ERR" 120)"
}

row OP-14 MUST "kill without an ID is an error"
t_OP_14() {
	capture rt kill
	[ "$RC" != 0 ] || fail "kill without an ID exits 0"
}

row OP-15 MUST "kill of a stopped or unknown container is an error without effect"
t_OP_15() {
	local b id pid r=0 s1 s2
	capture rt kill oci-conformance-no-such-container KILL
	[ "$RC" != 0 ] || { say "kill of an unknown ID exits 0"; r=1; }
	b=$(mkbundle op15)
	prog "$b" 'exit 0'
	id=$(new_id)
	run_to_end "$id" "$b"
	[ "$RC" = 0 ] || fail "$PHASE failed: $(short "$ERR")"
	wait_status "$id" stopped 5
	s1=$(state_of "$id")
	capture rt kill "$id" KILL
	[ "$RC" != 0 ] || { say "kill of a stopped container exits 0"; r=1; }
	s2=$(state_of "$id")
	[ "$s1" = "$s2" ] || { say "the state changed: [$(short "$s1" 150)] -> [$(short "$s2" 150)]"; r=1; }
	return $r
}

row OP-16 MUST "kill delivers the signal (created: KILL; running: TERM, USR1, USR2 handlers run)"
t_OP_16() {
	local b id pid r=0 sig
	_waiting op16 || return 1
	capture rt kill "$id" KILL
	[ "$RC" = 0 ] || { say "kill KILL of a created container failed: $(short "$ERR")"; r=1; }
	wait_dead "$pid" 5 || { say "the created container survived KILL"; r=1; }
	force_delete "$id"
	b=$(mkbundle op16r)
	prog "$b" 'for s in TERM USR1 USR2; do trap "touch /oci-got-$s" $s; done; touch /oci-started; while :; do usleep 5000; done'
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" create || return 1
	pid=$(pid_of "$id")
	rt start "$id" >/dev/null 2>&1
	wait_until 5 test -e "$(in_rootfs "$b" /oci-started)" || { say "the program did not start"; return 1; }
	for sig in USR1 SIGUSR2 TERM; do
		capture rt kill "$id" "$sig"
		[ "$RC" = 0 ] || { say "kill $sig failed: $(short "$ERR")"; r=1; continue; }
		local s=${sig#SIG}
		wait_until 5 test -e "$(in_rootfs "$b" "/oci-got-$s")" || { say "the program's $s handler did not run"; r=1; }
	done
	capture rt kill "$id" 9
	[ "$RC" = 0 ] || { say "kill 9 (numeric) failed: $(short "$ERR")"; r=1; }
	wait_dead "$pid" 5 || { say "the program survived signal 9"; r=1; }
	return $r
}

row OP-17 MUST "delete without an ID is an error"
t_OP_17() {
	capture rt delete
	[ "$RC" != 0 ] || fail "delete without an ID exits 0"
}

row OP-18 MUST "delete of a created or running container is an error and changes nothing"
t_OP_18() {
	local b id pid r=0
	_waiting op18 || return 1
	capture rt delete "$id"
	if [ "$RC" = 0 ]; then
		say "delete of a created container succeeded (state now: $(short "$(state_of "$id")" 80))"
		r=1
	else
		[ "$(status_of "$id")" = created ] || { say "after the refused delete the status is $(status_of "$id")"; r=1; }
	fi
	force_delete "$id"
	_waiting op18r || return 1
	rt start "$id" >/dev/null 2>&1
	wait_until 5 test -e "$(in_rootfs "$b" /oci-started)"
	capture rt delete "$id"
	if [ "$RC" = 0 ]; then
		say "delete of a running container succeeded"
		r=1
	else
		[ "$(status_of "$id")" = running ] && alive "$pid" || { say "after the refused delete the container is $(status_of "$id")"; r=1; }
	fi
	go "$b"
	return $r
}

row OP-19 MUST "delete removes every resource create made"
t_OP_19() {
	local b id pid r=0 cg
	b=$(mkbundle op19)
	prog "$b" 'exit 0'
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" create || return 1
	pid=$(pid_of "$id")
	cg=$(cgroup_dirs "$id")
	[ -n "$cg" ] || { say "no cgroup directory was made for $CGPARENT/$id"; r=1; }
	rt start "$id" >/dev/null 2>&1
	wait_dead "$pid" 10
	wait_status "$id" stopped 5
	capture rt delete "$id"
	[ "$RC" = 0 ] || { say "delete failed: $(short "$ERR")"; return 1; }
	no_trace "$id" "$b" || r=1
	[ ! -e "$STATE/$id" ] || { say "$STATE/$id is left behind"; r=1; }
	return $r
}

row OP-20 "MUST NOT" "delete leaves associated resources alone (joined namespaces, moved-into cgroups, bind sources)"
t_OP_20() {
	local b id pid r=0 m pre="" nsfile src
	# a persistent network namespace to join by path (on a private mount:
	# namespace files cannot be mounted on a shared one)
	nsfile=$(private_dir)/op20-netns
	touch "$nsfile"
	unshare --net="$nsfile" true || { say "cannot make a persistent network namespace"; return 1; }
	src=$T/op20-src
	mkdir -p "$src"
	echo keep >"$src/file"
	b=$(mkbundle op20 '.linux.namespaces |= map(if .type == "network" then .path = $p else . end)
		| .mounts += [{"destination": "/oci/src", "type": "none", "source": $s, "options": ["rbind"]}]' \
		--arg p "$nsfile" --arg s "$src")
	prog "$b" "touch /oci-started; $WAIT_GO"
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" create || { umount "$nsfile"; return 1; }
	pid=$(pid_of "$id")
	rt start "$id" >/dev/null 2>&1
	wait_until 5 test -e "$(in_rootfs "$b" /oci-started)"
	# move the process into a cgroup the runtime did not make
	for m in $(cgroup_mounts); do
		mkdir -p "$m$CGPARENT/op20-pre" 2>/dev/null || continue
		if echo "$pid" >"$m$CGPARENT/op20-pre/cgroup.procs" 2>/dev/null; then
			pre="$pre $m$CGPARENT/op20-pre"
		else
			rmdir "$m$CGPARENT/op20-pre"
		fi
	done
	[ -n "$pre" ] || say "note: could not move the process into a pre-made cgroup"
	go "$b"
	wait_dead "$pid" 10
	capture rt delete "$id"
	[ "$RC" = 0 ] || { say "delete failed: $(short "$ERR")"; r=1; }
	for m in $pre; do
		[ -d "$m" ] || { say "delete removed the cgroup $m it did not create"; r=1; }
	done
	nsenter --net="$nsfile" true 2>/dev/null || { say "the joined network namespace $nsfile is gone"; r=1; }
	[ "$(cat "$src/file" 2>/dev/null)" = keep ] || { say "the bind source $src lost its content"; r=1; }
	umount "$nsfile" 2>/dev/null
	for m in $pre; do rmdir "$m" 2>/dev/null; done
	return $r
}

row OP-21 MAY "after delete the ID can be used again"
t_OP_21() {
	local b id
	b=$(mkbundle op21)
	prog "$b" 'echo first'
	id=$(new_id)
	run_to_end "$id" "$b"
	[ "$RC" = 0 ] || fail "$PHASE failed: $(short "$ERR")"
	rt delete "$id" >/dev/null 2>&1 || force_delete "$id"
	b=$(mkbundle op21b)
	prog "$b" 'echo second'
	run_to_end "$id" "$b"
	if [ "$RC" != 0 ]; then
		note "the ID cannot be used again after delete: $PHASE: $(short "$ERR" 120)"
		return 0
	fi
	[ "$OUTPUT" = second ] || fail "the reused ID ran [$OUTPUT], not the new bundle's program"
	[ "$(state_of "$id" | jq -r .bundle)" = "$b" ] || fail "the reused ID's state refers to the old bundle"
}
