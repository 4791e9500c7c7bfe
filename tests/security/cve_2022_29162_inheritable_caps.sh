#!/bin/bash
# CVE-2022-29162: inheritable capabilities that the config did not mean to
# give.
#
# The attack: `runc spec` (before 1.1.2) wrote the inheritable set equal to
# the others, and `runc exec --cap` added the capability to the inheritable
# set too. A program with file capabilities in the image (setcap
# cap_x+ei) then gains cap_x when a process runs it, even a non-root user
# with empty effective and permitted sets: at execve the kernel computes the
# new permitted set as (inheritable & file inheritable) | (file permitted &
# bounding). With an empty inheritable set, file capabilities give nothing
# beyond the bounding set's file-permitted part.
#
# What arca does: `arca spec` writes no inheritable set
# (libcontainer/spec/default.c) and the init sets the inheritable set exactly
# as process.capabilities.inheritable says, empty when it is absent
# (libcontainer/linux/capabilities.c, caps_set, from process/finalize.c).
#
# The cases: the default spec has no inheritable capabilities and gives a
# process CapInh 0 (root and non-root); a non-root user with an empty
# inheritable set runs an image binary with cap_dac_override+ei and must
# neither gain the capability nor read a root-only file; the control case
# gives the same config an inheritable CAP_DAC_OVERRIDE (what runc's old
# default spec did) and checks that the binary does gain it there, so the
# attack is real in this setup.
#
# Shown to fail without the defence: case_control is exactly the bundle of
# the vulnerable default (inheritable = the other sets): there the binary
# gains cap_dac_override and reads the root-only file, so a runtime (or a
# default spec) that fills the inheritable set fails case_file_caps_gain
# nothing. runc 1.1.5 (fixed in 1.1.2) passes.
source "$ARCA_TESTS/lib/common.bash"
source "$ARCA_TESTS/security/security.bash"
command -v setcap >/dev/null || skip "setcap is not installed (apt-get install -y libcap2-bin)"

CAP_DAC_OVERRIDE_MASK=0000000000000002

status_field() { # OUTPUT FIELD
	awk -v f="$2:" '$1 == f { print $2; exit }' <<<"$1"
}

# fcap_bundle DIR: an image with /bin/busybox-fcap (busybox with
# cap_dac_override+ei) and a root-only /secret; the process runs as uid 1000
# with nothing but a bounding set.
fcap_bundle() {
	local b=$1
	mkbundle "$b"
	cp "$b/rootfs/bin/busybox" "$b/rootfs/bin/busybox-fcap"
	setcap cap_dac_override+ei "$b/rootfs/bin/busybox-fcap" ||
		skip "cannot set file capabilities on $b/rootfs (no xattr support?)"
	echo "root-only-$RANDOM" >"$b/rootfs/secret"
	chmod 600 "$b/rootfs/secret"
	cfg "$b" '.process.user = {uid: 1000, gid: 1000}
		| .process.capabilities = {bounding: $c, effective: [], permitted: []}' \
		--argjson c "$DOCKER_CAPS"
	# both steps run the file-capability binary itself (busybox runs the
	# applet in the same process)
	sh_args "$b" '/bin/busybox-fcap grep -E "^Cap(Inh|Prm|Eff)" /proc/self/status
		/bin/busybox-fcap cat /secret && echo READ-SECRET; true'
}

# The default spec: no inheritable set, and a process made from it has none.
case_default_spec() {
	local d=$T/spec b=$T/b-spec id out
	mkdir -p "$d"
	(cd "$d" && "$ARCA" spec) || fail "spec"
	local inh
	inh=$(jq -c '.process.capabilities.inheritable // []' "$d/config.json")
	assert_eq "$inh" "[]" "the default spec's inheritable capabilities"
	local user
	for user in 0 1000; do
		mkbundle "$b-$user" '.process.capabilities = $c | .process.user = {uid: $u, gid: $u}' \
			--argjson c "$(jq -c .process.capabilities "$d/config.json")" --argjson u "$user"
		sh_args "$b-$user" 'grep -E "^Cap" /proc/self/status'
		id=$(new_id)
		run_ctr "$id" "$b-$user"
		assert_ok "run with the default spec's capabilities (uid $user)"
		assert_eq "$(status_field "$OUT" CapInh)" 0000000000000000 "CapInh of uid $user with the default spec"
	done
}

# The attack: a file-capability binary run by a user with no capabilities.
case_file_caps_gain_nothing() {
	local b=$T/b-fcap id
	fcap_bundle "$b"
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "run the file-capability binary"
	assert_eq "$(status_field "$OUT" CapInh)" 0000000000000000 "CapInh without an inheritable set"
	assert_eq "$(status_field "$OUT" CapPrm)" 0000000000000000 "CapPrm of the file-capability binary"
	assert_eq "$(status_field "$OUT" CapEff)" 0000000000000000 "CapEff of the file-capability binary"
	assert_not_contains "$OUT" READ-SECRET "the file-capability binary read a root-only file"
}

# Control: with inheritable CAP_DAC_OVERRIDE (the old default spec) the same
# binary gains it, so the case above tests something.
case_control() {
	local b=$T/b-control id
	fcap_bundle "$b"
	cfg "$b" '.process.capabilities.inheritable = ["CAP_DAC_OVERRIDE"]'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "run the file-capability binary with an inheritable set"
	assert_eq "$(status_field "$OUT" CapEff)" "$CAP_DAC_OVERRIDE_MASK" \
		"control: with inheritable CAP_DAC_OVERRIDE the file-capability binary must gain it"
	assert_contains "$OUT" READ-SECRET "control: the file-capability binary must read the root-only file"
}

# exec --cap must not add to the inheritable set either (the second half of
# the CVE).
case_exec_cap() {
	if "$ARCA" exec --help 2>&1 | grep -q "not supported"; then
		skip_case "arca exec is not supported yet (arca exec --help says so)"
	fi
	local b=$T/b-exec id
	fcap_bundle "$b"
	set_args "$b" sleep 60
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_ok "create"
	capture arca start "$id"
	assert_ok "start"
	capture arca exec --cap CAP_NET_RAW "$id" /bin/busybox-fcap grep -E "^Cap" /proc/self/status
	assert_ok "exec --cap CAP_NET_RAW: $ERR"
	assert_eq "$(status_field "$OUT" CapInh)" 0000000000000000 "CapInh after exec --cap"
	assert_eq "$(status_field "$OUT" CapEff)" 0000000000000000 \
		"exec --cap: the file-capability binary must not gain cap_dac_override"
	capture arca exec "$id" /bin/busybox-fcap cat /secret
	assert_failed "exec: the file-capability binary read a root-only file"
}

run_case case_default_spec
run_case case_file_caps_gain_nothing
run_case case_control
run_case case_exec_cap
finish
