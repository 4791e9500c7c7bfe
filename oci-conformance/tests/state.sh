# Section 2a: the state object (STATE)

# state_problems JSON: what in a state object breaks state-schema.json
state_problems() {
	jq -r '
	  (if (.ociVersion | type) != "string" then "ociVersion is not a string" else empty end),
	  (if (.id | type) != "string" then "id is not a string" else empty end),
	  (if (.status | type) != "string" then "status is missing"
	   elif ([.status] | inside(["creating", "created", "running", "stopped"]) | not)
	   then "status \"\(.status)\" is not in the schema enum" else empty end),
	  (if (.bundle | type) != "string" then "bundle is not a string" else empty end),
	  (if has("pid") and ((.pid | type) != "number" or .pid < 0 or (.pid | floor) != .pid)
	   then "pid \(.pid) is not an integer >= 0" else empty end),
	  (if has("annotations") and ((.annotations | type) != "object" or
	       ([.annotations[] | type] | all(. == "string") | not))
	   then "annotations is not a string map" else empty end)' <<<"$1" 2>&1 ||
		echo "state output is not a JSON object: $(short "$1" 100)"
}

# a container whose program waits for /oci-go; prints its bundle
waiting_bundle() {
	local b
	b=$(mkbundle "$1")
	prog "$b" "touch /oci-started; $WAIT_GO"
	echo "$b"
}

row STATE-01 MUST "state has ociVersion, id, status, bundle, and pid while created or running"
t_STATE_01() {
	local b id s r=0 st
	b=$(waiting_bundle state01)
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" create || return 1
	for st in created running stopped; do
		case $st in
		running) rt start "$id" >/dev/null 2>&1 && wait_status "$id" running 5 ;;
		stopped) go "$b" && wait_status "$id" stopped 10 ;;
		esac
		s=$(state_of "$id")
		[ "$(jq -r .status <<<"$s")" = "$st" ] || { say "status is not $st: $(short "$s")"; r=1; continue; }
		jq -e '(.ociVersion | type) == "string" and (.ociVersion | length) > 0' <<<"$s" >/dev/null ||
			{ say "$st: ociVersion missing or empty"; r=1; }
		[ "$(jq -r .id <<<"$s")" = "$id" ] || { say "$st: id is not $id"; r=1; }
		jq -e '(.bundle | type) == "string"' <<<"$s" >/dev/null || { say "$st: bundle missing"; r=1; }
		if [ "$st" != stopped ]; then
			jq -e '(.pid | type) == "number" and .pid > 0' <<<"$s" >/dev/null ||
				{ say "$st: pid missing or not positive: $(jq -c .pid <<<"$s")"; r=1; }
		fi
	done
	return $r
}

row STATE-02 MUST "an ID is unique: a second create with it fails and leaves the first alone"
t_STATE_02() {
	local b b2 id pid
	b=$(waiting_bundle state02)
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" "first create" || return 1
	pid=$(pid_of "$id")
	b2=$(waiting_bundle state02b)
	create "$id" "$b2"
	[ "$RC" != 0 ] || fail "a second create with the ID $id succeeded"
	say "second create fails: $(short "$ERR" 120)"
	[ "$(status_of "$id")" = created ] || fail "the first container is no longer created: $(short "$(state_of "$id")")"
	[ "$(pid_of "$id")" = "$pid" ] || fail "the first container's pid changed from $pid to $(pid_of "$id")"
	alive "$pid" || fail "the first container's process $pid died"
	[ "$(state_of "$id" | jq -r .bundle)" = "$b" ] || fail "the ID now refers to the second bundle"
}

row STATE-03 MUST "status: created before start (program not run), running while it runs, stopped after"
t_STATE_03() {
	local b id pid
	b=$(waiting_bundle state03)
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" create || return 1
	pid=$(pid_of "$id")
	sleep 0.05
	[ ! -e "$(in_rootfs "$b" /oci-started)" ] || fail "created: the program already ran"
	[ "$(status_of "$id")" = created ] || fail "status is $(status_of "$id") before start"
	capture rt start "$id"
	[ "$RC" = 0 ] || fail "start failed: $(short "$ERR")"
	wait_until 5 test -e "$(in_rootfs "$b" /oci-started)" || fail "the program did not run after start"
	[ "$(status_of "$id")" = running ] || fail "status is \"$(status_of "$id")\" while the program runs"
	go "$b"
	wait_dead "$pid" 10 || fail "the program did not exit"
	wait_status "$id" stopped 5 || fail "status is \"$(status_of "$id")\" after the process exited"
}

row STATE-04 MUST "no other status values for the four standard states"
t_STATE_04() {
	local b id seen="" s
	b=$(waiting_bundle state04)
	id=$(new_id)
	create "$id" "$b"
	[ "$RC" = 0 ] || fail "create failed: $(short "$ERR")"
	seen="$(status_of "$id")"
	rt start "$id" >/dev/null 2>&1
	wait_until 5 test -e "$(in_rootfs "$b" /oci-started)"
	seen="$seen $(status_of "$id")"
	go "$b"
	wait_status "$id" stopped 10
	seen="$seen $(status_of "$id")"
	say "statuses seen: $seen"
	[ "$seen" = "created running stopped" ] || fail "expected created running stopped"
	for s in $seen; do
		case $s in creating | created | running | stopped) ;; *) fail "status \"$s\" for a standard state" ;; esac
	done
}

row STATE-05 MUST "pid is the host pid of the container process (pid 1 in its pid namespace)"
t_STATE_05() {
	local b id pid filepid nspid
	b=$(waiting_bundle state05)
	id=$(new_id)
	create "$id" "$b" --pid-file "$T/state05.pid"
	created_ok "$id" create || return 1
	pid=$(pid_of "$id")
	filepid=$(cat "$T/state05.pid" 2>/dev/null)
	[ "$filepid" = "$pid" ] || fail "--pid-file holds [$filepid], state.pid is $pid"
	alive "$pid" || fail "state.pid $pid is not a live host process"
	nspid=$(awk '/^NSpid:/ { print $NF }' "/proc/$pid/status")
	[ "$nspid" = 1 ] || fail "the process is pid $nspid in its pid namespace, not 1"
	[ "$(ns_of "$pid" pid)" != "$(ns_of $$ pid)" ] || fail "state.pid is in the runtime's pid namespace"
	rt start "$id" >/dev/null 2>&1
	wait_until 5 test -e "$(in_rootfs "$b" /oci-started)"
	[ "$(pid_of "$id")" = "$pid" ] || fail "running: state.pid changed from $pid to $(pid_of "$id")"
	go "$b"
}

row STATE-06 MUST "bundle is the absolute bundle path (a relative --bundle absolutized, not resolved)"
t_STATE_06() {
	local b id got r=0
	b=$(waiting_bundle state06)
	finalize "$b" x
	local name=${b##*/}
	ln -sfn "$name" "$T/b/state06-link"
	cd "$T/b" || return 1
	id=$(new_id)
	rt create --bundle "$name" "$id" </dev/null >/dev/null 2>"$T/state06.err"
	if [ $? != 0 ]; then
		say "create --bundle $name (relative) failed: $(short "$(cat "$T/state06.err")")"
		r=1
	else
		got=$(state_of "$id" | jq -r .bundle)
		[ "$got" = "$b" ] || { say "relative --bundle: state.bundle is [$got], expected $b"; r=1; }
	fi
	force_delete "$id"
	id=$(new_id)
	rt create --bundle "$T/b/state06-link" "$id" </dev/null >/dev/null 2>"$T/state06.err"
	if [ $? != 0 ]; then
		say "create --bundle through a symlink failed: $(short "$(cat "$T/state06.err")")"
		r=1
	else
		got=$(state_of "$id" | jq -r .bundle)
		[ "$got" = "$T/b/state06-link" ] ||
			{ say "--bundle $T/b/state06-link: state.bundle is [$got] (resolved further)"; r=1; }
	fi
	force_delete "$id"
	cd "$T/cwd" || true
	return $r
}

row STATE-07 "MUST*/MAY" "annotations reproduce the config's; absent or {} without any"
t_STATE_07() {
	local b id got want
	b=$(waiting_bundle state07)
	cfg "$b" '.annotations = {"com.example.a": "1", "com.example.b": "", "org.opencontainers.image.stopSignal": "SIGTERM"}'
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" create || return 1
	want=$(jq -S -c '.annotations' "$b/config.json")
	got=$(state_of "$id" | jq -S -c '.annotations')
	[ "$got" = "$want" ] || fail "state.annotations is $got, the config has $want"
	force_delete "$id"
	b=$(waiting_bundle state07b)
	id=$(new_id)
	create_raw "$id" "$b"
	created_ok "$id" "create without annotations" || return 1
	got=$(state_of "$id" | jq -c 'if has("annotations") then .annotations else "absent" end')
	case $got in
	'"absent"') note "without annotations the state has no annotations member" ;;
	'{}') note "without annotations the state has annotations: {}" ;;
	null) fail "without annotations the state has annotations: null (must be absent or {})" ;;
	*) fail "without annotations the state has annotations $got" ;;
	esac
}

row STATE-08 MUST "state validates against state-schema.json (created, running, stopped)"
t_STATE_08() {
	local b id r=0 p st
	b=$(waiting_bundle state08)
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" create || return 1
	for st in created running stopped; do
		case $st in
		running) rt start "$id" >/dev/null 2>&1 && wait_status "$id" running 5 ;;
		stopped) go "$b" && wait_status "$id" stopped 10 ;;
		esac
		p=$(state_problems "$(state_of "$id")")
		[ -z "$p" ] || { say "$st: $p"; r=1; }
	done
	return $r
}
