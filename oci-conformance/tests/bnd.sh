# Section 1: bundle and config loading (BND)

row BND-01 MUST "the config is BUNDLE/config.json; the bundle defaults to the cwd"
t_BND_01() {
	local b id r=0
	b=$(mkbundle bnd01)
	prog "$b" 'echo from-the-bundle-config'
	# a decoy config.json in the caller's cwd must not be the one read
	mkdir -p "$T/decoy"
	jq '.process.args = ["/bin/sh", "-c", "echo from-the-cwd-config"]' "$b/config.json" >"$T/decoy/config.json"
	cd "$T/decoy" || return 1
	id=$(new_id)
	run_to_end "$id" "$b"
	if [ "$RC" != 0 ]; then
		say "--bundle $b: $PHASE failed: $(short "$ERR")"
		r=1
	elif [ "$OUTPUT" != from-the-bundle-config ]; then
		say "--bundle $b: the program printed [$OUTPUT], not the bundle config's output"
		r=1
	fi
	force_delete "$id"
	# no --bundle: the cwd is the bundle
	cd "$b" || return 1
	id=$(new_id)
	: >"$b/ctr.out"
	rt create "$id" <"$b/ctr.in" >>"$b/ctr.out" 2>>"$b/ctr.err"
	RC=$?
	if [ "$RC" != 0 ]; then
		say "create without --bundle from the bundle dir failed: $(short "$(cat "$b/ctr.err")")"
		r=1
	else
		local pid
		pid=$(pid_of "$id")
		rt start "$id" >/dev/null 2>&1
		wait_dead "$pid" 10
		[ "$(ctr_output "$b")" = from-the-bundle-config ] ||
			{ say "without --bundle the program printed [$(ctr_output "$b")]"; r=1; }
		local bundle
		bundle=$(state_of "$id" | jq -r .bundle)
		[ "$bundle" = "$b" ] || { say "state.bundle is [$bundle], expected the cwd $b"; r=1; }
	fi
	cd "$T/cwd" || true
	return $r
}

row BND-02 MUST "root.path '.' works (config.json visible at /config.json); relative paths resolve against the bundle"
t_BND_02() {
	inside_all BND-02 root-dot base
}

row BND-03 MUST "config JSON: member order is meaningless; duplicate names and invalid UTF-8 are errors"
t_BND_03() {
	local b id r=0
	inside bnd-order PROC-04 || r=1
	inside bnd-order MNT-01 || r=1
	inside bnd-order PROC-09 || r=1
	# a duplicate member name
	b=$(mkbundle bnd03-dup)
	finalize "$b" x
	jq -c . "$b/config.json" | sed 's/"hostname":"oci-conformance"/"hostname":"dup-first","hostname":"dup-second"/' >"$b/c" &&
		mv "$b/c" "$b/config.json"
	grep -q dup-second "$b/config.json" || { say "could not make the duplicate-name config"; return 1; }
	id=$(new_id)
	expect_create_fails_raw "$id" "$b" "duplicate member \"hostname\"" || r=1
	# a string that is not UTF-8
	b=$(mkbundle bnd03-utf8)
	finalize "$b" x
	jq -c . "$b/config.json" | sed 's/"hostname":"oci-conformance"/"hostname":"bad-\xff\xfe-utf8"/' >"$b/c" &&
		mv "$b/c" "$b/config.json"
	id=$(new_id)
	expect_create_fails_raw "$id" "$b" "hostname with bytes ff fe (not UTF-8)" || r=1
	return $r
}

scen_bnd_order() {
	local b
	b=$(mkbundle bnd-order '.process.env += ["OCI_UTF8=grüße ✓ 日本"] | .hostname = "ünïcödé-host"')
	finalize "$b" bnd-order
	# every object's members in reverse order (arrays keep theirs)
	jq 'def rev: if type == "object" then to_entries | reverse | map(.value |= rev) | from_entries
	             elif type == "array" then map(rev) else . end; rev' "$b/config.json" >"$b/c" && mv "$b/c" "$b/config.json"
	# (create's finalize keeps member order: jq edits in place)
	inside_run bnd-order "$b"
}

row BND-04 MUST "ociVersion is mandatory and SemVer 2.0.0"
t_BND_04() {
	local b id r=0 v
	b=$(mkbundle bnd04 'del(.ociVersion)')
	id=$(new_id)
	expect_create_fails "$id" "$b" "ociVersion missing" || r=1
	for v in invalid 1.0 v1.0.2 1.0.2.1 01.0.2 ""; do
		b=$(mkbundle bnd04 '.ociVersion = $v' --arg v "$v")
		id=$(new_id)
		expect_create_fails "$id" "$b" "ociVersion \"$v\"" || r=1
		[ "$RC" = 0 ] || grep -qi version <<<"$ERR" ||
			note "ociVersion \"$v\": create fails, but its message does not mention the version"
	done
	b=$(mkbundle bnd04 '.ociVersion = 102')
	id=$(new_id)
	expect_create_fails "$id" "$b" "ociVersion as a number" || r=1
	return $r
}

row BND-05 MUST* "configs of versions 1.0.0 to 1.3.x are accepted"
t_BND_05() {
	local b id r=0 v
	for v in 1.0.0 1.0.1 1.0.2 1.1.0 1.2.0 1.2.1 1.3.0; do
		b=$(mkbundle bnd05 '.ociVersion = $v' --arg v "$v")
		prog "$b" 'echo version-ok'
		id=$(new_id)
		run_to_end "$id" "$b"
		if [ "$RC" != 0 ]; then
			say "ociVersion $v: $PHASE failed: $(short "$ERR")"
			r=1
		elif [ "$OUTPUT" != version-ok ]; then
			say "ociVersion $v: the program printed [$OUTPUT]"
			r=1
		fi
		force_delete "$id"
	done
	for v in 1.99.0 2.0.0; do
		b=$(mkbundle bnd05 '.ociVersion = $v' --arg v "$v")
		id=$(new_id)
		create "$id" "$b"
		if [ "$RC" = 0 ]; then
			note "ociVersion $v (a later minor or major) is accepted too"
		else
			note "ociVersion $v is refused: $(short "$ERR" 120)"
			no_trace "$id" "$b" || r=1
		fi
		force_delete "$id"
	done
	return $r
}

row BND-06 MUST "unknown properties anywhere are ignored"
t_BND_06() {
	local b id
	b=$(mkbundle bnd06 '. + {"org.oci-conformance.unknownTop": {"a": [1, {"b": null}]}}
		| .process += {"unknownProcessField": true}
		| .process.user += {"unknownUserField": "x"}
		| .root += {"unknownRootField": 1}
		| .mounts[0] += {"unknownMountField": [1, 2]}
		| .linux += {"unknownLinuxField": {"nested": "y"}}
		| .linux.namespaces[0] += {"unknownNamespaceField": 0}')
	prog "$b" 'echo unknown-fields-ok'
	id=$(new_id)
	run_to_end "$id" "$b"
	[ "$RC" = 0 ] || fail "unknown properties: $PHASE failed: $(short "$ERR")"
	[ "$OUTPUT" = unknown-fields-ok ] || fail "the program printed [$OUTPUT]"
}

row BND-07 MUST "invalid values are errors and leave nothing behind"
t_BND_07() {
	local b id r=0 f what
	while IFS='|' read -r what f; do
		b=$(mkbundle bnd07 "$f")
		id=$(new_id)
		expect_create_fails "$id" "$b" "$what" || r=1
	done <<'EOF'
process.user.uid is a string|.process.user.uid = "root"
process.args is a string|.process.args = "/bin/true"
mounts[0].destination is a number|.mounts[0].destination = 42
root.readonly is a string|.root.readonly = "yes"
linux.namespaces[0].type is unknown|.linux.namespaces[0].type = "oci-bogus"
process.user.uid is negative|.process.user.uid = -1
linux.namespaces is an object|.linux.namespaces = {"type": "pid"}
EOF
	return $r
}

row BND-08 MUST "annotations: empty values and unknown keys accepted, an empty key is an error"
t_BND_08() {
	local b id r=0
	b=$(mkbundle bnd08 '.annotations = {"org.oci-conformance.empty": "", "org.opencontainers.oci-conformance.unknown": "x",
		"com.example.key": "value", "org.opencontainers.image.stopSignal": "SIGUSR1"}')
	prog "$b" 'echo annotations-ok'
	id=$(new_id)
	run_to_end "$id" "$b"
	if [ "$RC" != 0 ]; then
		say "annotations with empty values and unknown keys: $PHASE failed: $(short "$ERR")"
		r=1
	elif [ "$OUTPUT" != annotations-ok ]; then
		say "the program printed [$OUTPUT]"
		r=1
	fi
	force_delete "$id"
	b=$(mkbundle bnd08 '.annotations = {"": "empty key"}')
	id=$(new_id)
	expect_create_fails "$id" "$b" "annotation with an empty key" || r=1
	b=$(mkbundle bnd08 '.annotations = {"com.example.number": 1}')
	id=$(new_id)
	expect_create_fails "$id" "$b" "annotation with a non-string value" || r=1
	return $r
}

row BND-09 MUST "process is optional at create"
t_BND_09() {
	local b id
	b=$(mkbundle bnd09 'del(.process)')
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" "config without process" || return 1
	force_delete "$id"
}

row BND-10 "—/MAY" "other platforms' objects and Windows-only fields carry no meaning on Linux"
t_BND_10() {
	local b id
	b=$(mkbundle bnd10 '. + {"windows": {"layerFolders": ["C:\\layers"]}, "solaris": {"milestone": "x"},
		"vm": {"kernel": {"path": "/vmlinuz"}}, "zos": {}, "freebsd": {}}
		| .process.commandLine = "cmd.exe /c echo" | .process.user.username = "ContainerUser"')
	prog "$b" 'echo other-platforms-ok'
	id=$(new_id)
	run_to_end "$id" "$b"
	if [ "$RC" = 0 ]; then
		[ "$OUTPUT" = other-platforms-ok ] || fail "accepted, but the program printed [$OUTPUT]"
		note "windows/solaris/vm/zos/freebsd objects and commandLine/username are accepted and ignored"
		return 0
	fi
	[ "$PHASE" = create ] || fail "create succeeded but $PHASE failed: $(short "$ERR")"
	note "the runtime refuses them at create (validation is allowed): $(short "$ERR" 120)"
	no_trace "$id" "$b"
}
