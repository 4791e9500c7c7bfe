#!/bin/bash
# The command line: --version, --help, unknown commands and options, --log
# (json and text), --root, --pid-file, spec, list.
# Checklist: §C (global options, create, list, errors and logs), OP-01,
# STATE-05, BND-01, issue 3 (command line).
source "$ARCA_TESTS/lib/common.bash"

RFC3339='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$'

# §C: --version / -v in runc's line layout (go-runc parses it).
case_version() {
	local flag
	for flag in --version -v; do
		capture "$ARCA" "$flag"
		assert_ok "$flag"
		assert_eq "$(grep -c '' <<<"$OUT")" 4 "§C: $flag prints 4 lines: [$OUT]"
		assert_match "$(sed -n 1p <<<"$OUT")" '^arca version [0-9]+\.[0-9]+\.[0-9]+' "§C: $flag line 1"
		assert_match "$(sed -n 2p <<<"$OUT")" '^commit: [^ ]+' "§C: $flag line 2"
		assert_eq "$(sed -n 3p <<<"$OUT")" "spec: 1.3.0" "§C: $flag line 3"
		assert_match "$(sed -n 4p <<<"$OUT")" '^libseccomp: [0-9]+\.[0-9]+\.[0-9]+$' "§C: $flag line 4"
		assert_eq "$ERR" "" "$flag printed on stderr"
	done
}

# issue 3: --help for arca and for every command.
case_help() {
	local c top
	capture "$ARCA" --help
	assert_ok "--help"
	top=$OUT
	for c in create start run state list kill delete spec; do
		grep -Eq "^ +$c " <<<"$top" || fail "--help must list the command $c: $top"
		capture "$ARCA" "$c" --help
		assert_ok "$c --help"
		assert_contains "$OUT" "arca $c" "$c --help shows its usage"
		capture "$ARCA" help "$c"
		assert_ok "help $c"
		assert_contains "$OUT" "arca $c" "help $c shows its usage"
	done
	capture "$ARCA" create --help
	for c in --bundle --pid-file --console-socket --no-pivot --no-new-keyring --preserve-fds; do
		assert_contains "$OUT" "$c" "create --help lists $c"
	done
	capture "$ARCA" run --help
	for c in --detach --keep --bundle; do
		assert_contains "$OUT" "$c" "run --help lists $c"
	done
}

# §C: unknown commands and options fail with one line naming them; options
# also take the --opt=value form.
case_unknown_command_option() {
	capture arca nosuchcmd
	assert_failed "unknown command"
	assert_contains "$ERR" nosuchcmd "unknown command: the error names it"
	assert_one_line "$ERR" "unknown command"
	capture "$ARCA" --nosuchopt list
	assert_failed "unknown global option"
	assert_contains "$ERR" "--nosuchopt" "unknown global option: the error names it"
	capture arca list --nosuchopt
	assert_failed "unknown command option"
	assert_contains "$ERR" "--nosuchopt" "unknown command option: the error names it"
	capture arca kill
	assert_failed "kill without an ID"
	capture arca list --format=json
	assert_ok "§C: --opt=value form"
	capture arca list --format yaml
	assert_failed "list --format yaml"
	capture "$ARCA" --root="$T/state" list -q
	assert_ok "§C: --root=DIR form"
	capture "$ARCA" --systemd-cgroup --root "$T/state" list
	assert_failed "--systemd-cgroup (not supported yet)"
	assert_contains "$ERR" "not supported yet" "--systemd-cgroup"
}

# §C: --log FILE --log-format json appends runc-style JSON lines; the error
# also reaches stderr.
case_log_json() {
	local log=$T/log.json last
	echo '{"level":"info","msg":"earlier line","time":"2024-01-02T03:04:05Z"}' >"$log"
	capture "$ARCA" --root "$T/state" --log "$log" --log-format json state no-such-ctr
	assert_failed "state of an unknown ID"
	assert_contains "$ERR" "does not exist" "§C: with --log the error still reaches stderr (as runc)"
	assert_eq "$(head -n1 "$log")" '{"level":"info","msg":"earlier line","time":"2024-01-02T03:04:05Z"}' \
		"§C: the log must be appended to, not truncated"
	local n=0 line
	while IFS= read -r line; do
		n=$((n + 1))
		jq -e 'type == "object" and has("level") and has("msg") and has("time")' <<<"$line" >/dev/null ||
			fail "§C: log line $n is not a JSON object with level, msg, time: $line"
		assert_match "$(jq -r .time <<<"$line")" "$RFC3339" "§C: log line $n time is RFC 3339"
	done <"$log"
	[ "$n" -ge 2 ] || fail "§C: the failing command wrote no log line"
	last=$(jq -c 'select(.level == "error")' "$log" | tail -n1)
	[ -n "$last" ] || fail "§C: no line with level \"error\" in the log: $(cat "$log")"
	assert_contains "$(jq -r .msg <<<"$last")" "does not exist" "§C: the last error line's msg"

	# a second failing command appends another error line
	capture "$ARCA" --root "$T/state" --log "$log" --log-format json kill no-such-ctr
	assert_failed "kill of an unknown ID"
	assert_eq "$(jq -c 'select(.level == "error")' "$log" | grep -c '')" 2 "§C: two failing commands, two error lines"
}

# issue 3: --log with the default (text) format.
case_log_text() {
	local log=$T/log.txt
	capture "$ARCA" --root "$T/state" --log "$log" delete no-such-ctr
	assert_failed "delete of an unknown ID"
	[ -s "$log" ] || fail "--log FILE (text): nothing written"
	assert_contains "$(cat "$log")" "does not exist" "--log text: the message"
	assert_contains "$(cat "$log")" "error" "--log text: the level"
	jq -e . "$log" >/dev/null 2>&1 && fail "--log-format text (default) must not write JSON: $(cat "$log")"
	capture "$ARCA" --root "$T/state" --log "$log" --log-format nosuch list
	assert_failed "--log-format nosuch"
}

# §C, LIFE-13: --root selects the state root; two roots do not see each other.
case_root() {
	local id b=$T/b-root
	id=$(new_id)
	mkbundle "$b"
	set_args "$b" sleep 100
	capture "$ARCA" --root "$T/rootA" create --bundle "$b" "$id"
	assert_ok "create under --root rootA"
	[ -d "$T/rootA/$id" ] || fail "§C: --root rootA: no state dir $T/rootA/$id"
	capture "$ARCA" --root "$T/rootB" list -q
	assert_eq "$OUT" "" "§C: another root must not list the container"
	capture "$ARCA" --root "$T/rootB" state "$id"
	assert_failed "§C: state under another root"
	capture "$ARCA" --root "$T/rootA" list -q
	assert_eq "$OUT" "$id" "LIFE-13: the same root lists it"
	capture "$ARCA" --root "$T/rootA" delete -f "$id"
	assert_ok "delete under rootA"
	[ ! -e "$T/rootA/$id" ] || fail "delete left $T/rootA/$id"
	assert_gone "$id" "$b" "after delete"
}

# §C, STATE-05: --pid-file holds the host pid, decimal, no newline.
case_pid_file() {
	local id b=$T/b-pid pid
	id=$(new_id)
	mkbundle "$b"
	set_args "$b" sleep 100
	create_ctr "$id" "$b" --pid-file "$T/ctr.pid"
	assert_ok "create --pid-file"
	assert_file_exists "$T/ctr.pid" "§C: pid file"
	pid=$(state_field "$id" .pid)
	assert_eq "$(od -An -c "$T/ctr.pid" | tr -d ' ')" "$(printf '%s' "$pid" | od -An -c | tr -d ' ')" \
		"§C: the pid file must hold exactly the state pid, no newline"
	capture arca delete -f "$id"

	# run --detach writes it too; a relative path is relative to the cwd
	id=$(new_id)
	cd "$T"
	capture arca run -d --pid-file rel.pid --bundle "$b" "$id"
	assert_ok "run -d --pid-file"
	assert_eq "$(cat "$T/rel.pid")" "$(state_field "$id" .pid)" "§C: run -d --pid-file"
	assert_eq "$(state_field "$id" .status)" running "§C: run -d leaves it running"
}

# issue 3: spec writes a default config.json that run accepts (terminal off,
# rootfs provided), and never overwrites one.
case_spec() {
	local id d=$T/spec-bundle sum
	mkdir -p "$d"
	cd "$d"
	capture arca spec
	assert_ok "spec"
	jq -e . config.json >/dev/null || fail "spec wrote invalid JSON"
	assert_eq "$(jq -r .ociVersion config.json)" 1.3.0 "spec: ociVersion"
	assert_eq "$(jq -r .root.path config.json)" rootfs "spec: root.path"
	sum=$(md5sum <config.json)
	capture arca spec
	assert_failed "spec must refuse to overwrite config.json"
	assert_contains "$ERR" config.json "spec refusal names the file"
	assert_eq "$(md5sum <config.json)" "$sum" "spec changed an existing config.json"

	mkdir -p "$T/spec-b2"
	capture arca spec --bundle "$T/spec-b2"
	assert_ok "spec --bundle"
	assert_file_exists "$T/spec-b2/config.json" "spec --bundle DIR writes DIR/config.json"
	capture arca spec --rootless -b "$T/spec-rootless"
	if [ "$RC" = 0 ]; then
		jq -e '.linux.namespaces | map(.type) | index("user")' "$T/spec-rootless/config.json" >/dev/null ||
			fail "spec --rootless: no user namespace"
	else
		mkdir -p "$T/spec-rootless"
		capture arca spec --rootless -b "$T/spec-rootless"
		assert_ok "spec --rootless"
	fi

	_build_rootfs
	cp -a "$ROOTFS_CACHE" "$d/rootfs"
	cfg "$d" '.process.terminal = false'
	id=$(new_id)
	cd /
	run_ctr "$id" "$d"
	assert_ok "run of the default spec (terminal false, busybox rootfs)"
	id=$(new_id)
	set_args "$d" sh -c 'echo from-spec-config'
	run_ctr "$id" "$d"
	assert_ok "run of the default spec with args"
	assert_eq "$OUT" from-spec-config "the program of the default spec ran"
}

# §C: list -q, list --format json, the table.
case_list() {
	local b=$T/b-list id1 id2
	mkbundle "$b"
	set_args "$b" sleep 100
	capture arca list --format json
	assert_ok "list --format json, no containers"
	[[ "$OUT" == "[]" || "$OUT" == "null" ]] || fail "§C: list --format json with no containers: [] (or runc's null), got [$OUT]"
	capture arca list -q
	assert_eq "$OUT" "" "list -q with no containers"
	id1=$(new_id)
	id2=$(new_id)
	create_ctr "$id1" "$b"
	assert_ok "create 1"
	create_ctr "$id2" "$b"
	assert_ok "create 2"
	capture arca start "$id2"
	capture arca list -q
	assert_ok "list -q"
	assert_eq "$(sort <<<"$OUT")" "$(printf '%s\n' "$id1" "$id2" | sort)" "§C: list -q prints only the IDs"
	capture arca list --quiet
	assert_eq "$(sort <<<"$OUT")" "$(printf '%s\n' "$id1" "$id2" | sort)" "§C: list --quiet"
	capture arca list --format json
	assert_ok "list --format json"
	jq -e 'type == "array" and length == 2' <<<"$OUT" >/dev/null || fail "§C: list --format json: an array of 2: $OUT"
	assert_eq "$(jq -r --arg i "$id1" '.[] | select(.id == $i) | .status' <<<"$OUT")" created "list json: status of $id1"
	assert_eq "$(jq -r --arg i "$id2" '.[] | select(.id == $i) | .status' <<<"$OUT")" running "list json: status of $id2"
	capture arca list
	assert_match "$(head -n1 <<<"$OUT")" '^ID +PID +STATUS +BUNDLE +CREATED +OWNER *$' "list table header"
	grep -Eq "^$id1 +[0-9]+ +created +$b " <<<"$OUT" || fail "list table row for $id1: $OUT"
}

# issue 3: the global flags runc callers pass are accepted; create flags too.
case_global_flags() {
	local f id b=$T/b-flags
	for f in --debug "--rootless false" "--rootless=auto" "--rootless true"; do
		# shellcheck disable=SC2086
		capture "$ARCA" $f --root "$T/state" list -q
		assert_ok "§C: global option $f"
	done
	capture "$ARCA" --rootless bogus --root "$T/state" list
	assert_failed "--rootless bogus"
	mkbundle "$b"
	set_args "$b" echo flags-ok
	id=$(new_id)
	run_ctr "$id" "$b" --no-new-keyring
	assert_ok "§C: run --no-new-keyring"
	assert_eq "$OUT" flags-ok "run --no-new-keyring: the program ran"
	id=$(new_id)
	create_ctr "$id" "$b" --detach
	assert_ok "§C: create --detach is accepted (go-runc passes it)"
}

run_case case_version
run_case case_global_flags
run_case case_help
run_case case_unknown_command_option
run_case case_log_json
run_case case_log_text
run_case case_root
run_case case_pid_file
run_case case_spec
run_case case_list
finish
