#!/bin/bash
# `arca features`: the document's shape against the spec's features schema
# (v1.3: schema/features-schema.json, features-linux.json and the enums of
# defs-linux.json), and what it lists against what `arca create` accepts.
# Checklist: FEAT-01..FEAT-18, BND-05.
source "$ARCA_TESTS/lib/common.bash"

# features [JQ_OPTS...] FILTER: FILTER of the document (jq -c).
features() {
	"$ARCA" features | jq -c "$@"
}

# create_ok BUNDLE MSG: create succeeds; the container is deleted again.
create_ok() {
	local id
	id=$(new_id)
	create_ctr "$id" "$1"
	assert_ok "$2"
	capture arca delete -f "$id"
	assert_ok "$2: delete"
}

# create_refused BUNDLE TEXT MSG: create fails, its error contains TEXT.
create_refused() {
	local id
	id=$(new_id)
	create_ctr "$id" "$1"
	assert_failed "$3"
	assert_contains "$ERR" "$2" "$3"
}

# FEAT-01, FEAT-04: JSON on stdout as runc lays it out, nothing on stderr.
case_output() {
	capture "$ARCA" features
	assert_ok "features"
	assert_eq "$ERR" "" "features writes nothing on stderr"
	jq -e . "$T/.out" >/dev/null || fail "FEAT-01: not JSON: $OUT"
	assert_eq "$(tail -c 1 "$T/.out" | od -An -c | tr -d ' ')" '\n' "ends with a newline"
	assert_eq "$(sed -n 2p "$T/.out")" '    "ociVersionMin": "1.0.0",' "four-space indent"
	grep -q '"potentiallyUnsafeConfigAnnotations": \[\]$' "$T/.out" ||
		fail "FEAT-04: an empty list is printed [] ($OUT)"
	! grep -q null "$T/.out" || fail "FEAT-04: nothing is null: $OUT"
	capture "$ARCA" features --help
	assert_ok "features --help"
	assert_contains "$OUT" "arca features" "--help shows the usage"
	capture "$ARCA" features extra
	assert_failed "features takes no argument"
	capture "$ARCA" help
	assert_match "$OUT" $'\n +features ' "arca help lists features"
}

# jq program: the violations of the v1.3 features schema, one per line.
# Every object may only have the members features.md / features-linux.md
# define (FEAT-03: nothing that 1.3 does not define). A parameter $x of a jq
# def also names a filter x: none may be called "keys".
SCHEMA_CHECKS='
def strings: type == "array" and all(.[]; type == "string");
def enum($e): strings and all(.[]; . as $v | $e | index([$v]) != null);
def bools($names): type == "object" and (keys - $names == []) and all(.[]; type == "boolean");
def only($names): keys - $names | if . == [] then empty else "unknown members \(.)" end;
def check($name; cond): if cond then empty else "\($name) violates the schema" end;
($ns) as $ns | ($actions) as $actions | ($ops) as $ops | ($archs) as $archs | ($flags) as $flags |
(only(["ociVersionMin", "ociVersionMax", "hooks", "mountOptions", "linux", "annotations",
       "potentiallyUnsafeConfigAnnotations"])),
check("ociVersionMin"; .ociVersionMin | type == "string"),
check("ociVersionMax"; .ociVersionMax | type == "string"),
check("hooks"; .hooks | strings),
check("mountOptions"; .mountOptions | strings),
check("annotations"; .annotations | type == "object" and
      all(to_entries[]; (.key | length > 0) and (.value | type == "string"))),
check("potentiallyUnsafeConfigAnnotations"; .potentiallyUnsafeConfigAnnotations | strings),
(.linux | only(["namespaces", "capabilities", "cgroup", "seccomp", "apparmor", "selinux",
                "intelRdt", "memoryPolicy", "mountExtensions", "netDevices"])),
check("linux.namespaces"; .linux.namespaces | enum($ns)),
check("linux.capabilities"; .linux.capabilities | strings and all(.[]; test("^CAP_[A-Z_]+$"))),
check("linux.cgroup"; .linux.cgroup | bools(["v1", "v2", "systemd", "systemdUser", "rdma"])),
(.linux.seccomp | only(["enabled", "actions", "operators", "archs", "knownFlags",
                        "supportedFlags"])),
check("linux.seccomp.enabled"; .linux.seccomp.enabled | type == "boolean"),
check("linux.seccomp.actions"; .linux.seccomp.actions | enum($actions)),
check("linux.seccomp.operators"; .linux.seccomp.operators | enum($ops)),
check("linux.seccomp.archs"; .linux.seccomp.archs | enum($archs)),
check("linux.seccomp.knownFlags"; .linux.seccomp.knownFlags | enum($flags)),
check("linux.seccomp.supportedFlags"; .linux.seccomp.supportedFlags | enum($flags)),
check("linux.apparmor"; .linux.apparmor | bools(["enabled"])),
check("linux.selinux"; .linux.selinux | bools(["enabled"])),
check("linux.intelRdt"; .linux.intelRdt | bools(["enabled", "schemata", "monitoring"])),
check("linux.memoryPolicy"; .linux.memoryPolicy | type == "object" and
      (keys - ["modes", "flags"] == []) and (.modes | strings) and (.flags | strings)),
check("linux.mountExtensions"; .linux.mountExtensions | type == "object" and
      (keys == ["idmap"]) and (.idmap | bools(["enabled"]))),
check("linux.netDevices"; .linux.netDevices | bools(["enabled"]))
'

# The enums of defs-linux.json (v1.3).
NS='["mount","pid","network","uts","ipc","user","cgroup","time"]'
ACTIONS='["SCMP_ACT_KILL","SCMP_ACT_KILL_PROCESS","SCMP_ACT_KILL_THREAD","SCMP_ACT_TRAP",
	"SCMP_ACT_ERRNO","SCMP_ACT_TRACE","SCMP_ACT_ALLOW","SCMP_ACT_LOG","SCMP_ACT_NOTIFY"]'
OPS='["SCMP_CMP_NE","SCMP_CMP_LT","SCMP_CMP_LE","SCMP_CMP_EQ","SCMP_CMP_GE","SCMP_CMP_GT",
	"SCMP_CMP_MASKED_EQ"]'
ARCHS='["SCMP_ARCH_X86","SCMP_ARCH_X86_64","SCMP_ARCH_X32","SCMP_ARCH_ARM","SCMP_ARCH_AARCH64",
	"SCMP_ARCH_LOONGARCH64","SCMP_ARCH_M68K","SCMP_ARCH_MIPS","SCMP_ARCH_MIPS64",
	"SCMP_ARCH_MIPS64N32","SCMP_ARCH_MIPSEL","SCMP_ARCH_MIPSEL64","SCMP_ARCH_MIPSEL64N32",
	"SCMP_ARCH_PPC","SCMP_ARCH_PPC64","SCMP_ARCH_PPC64LE","SCMP_ARCH_S390","SCMP_ARCH_S390X",
	"SCMP_ARCH_SH","SCMP_ARCH_SHEB","SCMP_ARCH_PARISC","SCMP_ARCH_PARISC64","SCMP_ARCH_RISCV64"]'
FLAGS='["SECCOMP_FILTER_FLAG_TSYNC","SECCOMP_FILTER_FLAG_LOG","SECCOMP_FILTER_FLAG_SPEC_ALLOW",
	"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"]'

schema_violations() { # FILE
	jq -r --argjson ns "$NS" --argjson actions "$ACTIONS" --argjson ops "$OPS" \
		--argjson archs "$ARCHS" --argjson flags "$FLAGS" "$SCHEMA_CHECKS" "$1"
}

# FEAT-18, FEAT-03: the document validates; the checks catch a broken one.
case_schema() {
	local v
	"$ARCA" features >"$T/f.json"
	v=$(schema_violations "$T/f.json")
	assert_eq "$v" "" "FEAT-18: schema violations"
	jq '.linux.namespaces += ["nosuch"] | .linux.cgroup.v1 = "yes" | .extra = 1 |
		del(.ociVersionMax)' "$T/f.json" >"$T/bad.json"
	v=$(schema_violations "$T/bad.json")
	assert_contains "$v" "linux.namespaces violates" "the checks catch a bad namespace"
	assert_contains "$v" "linux.cgroup violates" "the checks catch a bad cgroup member"
	assert_contains "$v" '"extra"' "the checks catch an unknown member"
	assert_contains "$v" "ociVersionMax violates" "the checks catch a missing ociVersionMax"
}

# FEAT-03, BND-05: config ociVersion equal to either bound is accepted by
# create; max >= min; the next minor is refused.
case_versions() {
	local b=$T/b-ver min max
	min=$(features -r .ociVersionMin)
	max=$(features -r .ociVersionMax)
	assert_eq "$(printf '%s\n' "$min" "$max" | sort -V | head -1)" "$min" "FEAT-03: max >= min"
	mkbundle "$b"
	cfg "$b" '.ociVersion = $v' --arg v "$min"
	create_ok "$b" "FEAT-03: ociVersion $min (ociVersionMin)"
	cfg "$b" '.ociVersion = $v' --arg v "$max"
	create_ok "$b" "FEAT-03: ociVersion $max (ociVersionMax)"
	cfg "$b" '.ociVersion = ($v | split(".") | .[1] |= (tonumber + 1 | tostring) | join("."))' --arg v "$max"
	create_refused "$b" "is not supported" "a minor version above ociVersionMax"
}

# FEAT-07: create makes a container with each listed namespace, added to the
# base config's (a user namespace needs the others to mount proc and sysfs).
case_namespaces() {
	local b=$T/b-ns ns
	mkbundle "$b"
	for ns in $(features -r '.linux.namespaces[]'); do
		cp "$ARCA_TESTS/lib/base-config.json" "$b/config.json"
		cfg "$b" '.linux.namespaces = (.linux.namespaces + [{type: $t}] | unique) |
			if $t == "user" then .linux.uidMappings = [{containerID: 0, hostID: 0, size: 65536}] |
				.linux.gidMappings = .linux.uidMappings else . end' --arg t "$ns"
		create_ok "$b" "FEAT-07: a new $ns namespace"
	done
	cfg "$b" '.linux.namespaces = [{type: "nosuch"}]'
	create_refused "$b" "linux.namespaces[0].type" "an unlisted namespace type"
}

# FEAT-06: create mounts a tmpfs with each listed option (bind ones bind a
# directory); idmap, which is not listed, is refused.
case_mount_options() {
	local b=$T/b-mnt opt
	mkbundle "$b"
	mkdir -p "$T/src"
	for opt in $(features -r '.mountOptions[]'); do
		case $opt in
		bind | rbind | remount)
			cfg "$b" '.mounts += [{destination: "/mnt", type: "none", source: $s,
				options: ["bind", $o]}]' --arg o "$opt" --arg s "$T/src" ;;
		*)
			cfg "$b" '.mounts += [{destination: "/mnt", type: "tmpfs", source: "tmpfs",
				options: [$o]}]' --arg o "$opt" ;;
		esac
		create_ok "$b" "FEAT-06: a mount with option $opt"
		cfg "$b" 'del(.mounts[-1])'
	done
	assert_eq "$(features '.mountOptions | index(["idmap"])')" null "FEAT-06: idmap is not listed"
	assert_eq "$(features '.mountOptions | map(select(contains("="))) | length')" 0 \
		"FEAT-06: no filesystem parameters"
	cfg "$b" '.mounts += [{destination: "/mnt", type: "tmpfs", source: "tmpfs", options: ["idmap"]}]'
	create_refused "$b" "is not supported yet" "FEAT-06: idmap"
}

# FEAT-08: every listed capability is granted: no warning, and the
# container's bounding set is the (root) test's own.
case_capabilities() {
	local b=$T/b-caps caps id
	caps=$(features '.linux.capabilities')
	mkbundle "$b"
	cfg "$b" '.process.capabilities = {bounding: $c, effective: $c, permitted: $c}' --argjson c "$caps"
	sh_args "$b" 'grep CapBnd /proc/self/status'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "FEAT-08: run with every listed capability"
	assert_not_contains "$ERR" "unknown capability" "FEAT-08: every listed name is known"
	assert_eq "$OUT" "$(grep CapBnd /proc/self/status)" "FEAT-08: the bounding set"
	cfg "$b" '.process.capabilities.bounding += ["CAP_NOSUCH"]'
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_contains "$ERR" 'unknown capability "CAP_NOSUCH"' "an unlisted capability"
}

# FEAT-10: each listed action, operator, architecture and supported flag is
# accepted by create. SCMP_ACT_NOTIFY gets as far as its agent.
case_seccomp() {
	local b=$T/b-secc v
	mkbundle "$b"
	assert_eq "$(features .linux.seccomp.enabled)" true "seccomp enabled"
	for v in $(features -r '.linux.seccomp.actions[]'); do
		cfg "$b" '.linux.seccomp = {defaultAction: "SCMP_ACT_ALLOW",
			syscalls: [{names: ["getppid"], action: $a}]}' --arg a "$v"
		if [ "$v" = SCMP_ACT_NOTIFY ]; then
			cfg "$b" '.linux.seccomp.listenerPath = "/nonexistent/agent.sock"'
			create_refused "$b" "listenerPath: connect to /nonexistent/agent.sock" "FEAT-10: $v"
		else
			create_ok "$b" "FEAT-10: action $v"
		fi
	done
	for v in $(features -r '.linux.seccomp.operators[]'); do
		cfg "$b" '.linux.seccomp = {defaultAction: "SCMP_ACT_ALLOW", syscalls: [{names: ["getppid"],
			action: "SCMP_ACT_ERRNO", args: [{index: 0, value: 1, valueTwo: 1, op: $o}]}]}' --arg o "$v"
		create_ok "$b" "FEAT-10: operator $v"
	done
	for v in $(features -r '.linux.seccomp.archs[]'); do
		cfg "$b" '.linux.seccomp = {defaultAction: "SCMP_ACT_ALLOW", architectures: [$a]}' --arg a "$v"
		create_ok "$b" "FEAT-10: architecture $v"
	done
	for v in $(features -r '.linux.seccomp.supportedFlags[]'); do
		cfg "$b" '.linux.seccomp = {defaultAction: "SCMP_ACT_ALLOW", flags: [$f]}' --arg f "$v"
		create_ok "$b" "FEAT-10: flag $v"
	done
	assert_eq "$(features '.linux.seccomp.supportedFlags - .linux.seccomp.knownFlags')" '[]' \
		"FEAT-10: supportedFlags is a subset of knownFlags"
}

# FEAT-05, FEAT-09, FEAT-12..15: what the document says is not implemented is
# refused by create; what it says is, is not refused as unsupported.
case_not_implemented() {
	local b=$T/b-ni feature edit
	mkbundle "$b"
	assert_eq "$(features '.hooks | join(" ")')" \
		'"prestart createRuntime createContainer startContainer poststart poststop"' \
		"FEAT-05: every hook is supported"
	while IFS='|' read -r feature edit; do
		cp "$ARCA_TESTS/lib/base-config.json" "$b/config.json"
		cfg "$b" "$edit"
		case $(features "$feature") in
		false | '[]') create_refused "$b" "is not supported yet" "$feature is false: $edit" ;;
		*) fail "$feature is claimed: $(features "$feature"); extend this test" ;;
		esac
	done <<-'EOF'
	.linux.intelRdt.enabled|.linux.intelRdt = {closID: "x"}
	.linux.intelRdt.schemata|.linux.intelRdt = {schemata: ["L3:0=f"]}
	.linux.intelRdt.monitoring|.linux.intelRdt = {enableMonitoring: true}
	.linux.netDevices.enabled|.linux.netDevices = {eth9: {}}
	.linux.memoryPolicy.modes|.linux.memoryPolicy = {mode: "MPOL_BIND", nodes: "0"}
	.linux.mountExtensions.idmap.enabled|.mounts[0].uidMappings = [{containerID: 0, hostID: 0, size: 1}]
	EOF
	assert_eq "$(features .linux.cgroup.systemd)" false "FEAT-09: no systemd manager"
	assert_eq "$(features .linux.cgroup.rdma)" true "FEAT-09: the rdma controller is managed"
	capture "$ARCA" --systemd-cgroup --root "$T/state" features
	assert_failed "--systemd-cgroup is refused, as features says"
	for feature in apparmor selinux; do
		assert_eq "$(features ".linux.$feature.enabled")" true "FEAT-11: $feature"
	done
	cp "$ARCA_TESTS/lib/base-config.json" "$b/config.json"
	cfg "$b" '.process.apparmorProfile = "" | .process.selinuxLabel = ""'
	create_ok "$b" "FEAT-11: the label fields are accepted"
}

# FEAT-16, FEAT-17: arca's own annotations, matching --version.
case_annotations() {
	local version
	version=$("$ARCA" --version)
	assert_eq "arca version $(features -r '.annotations["io.github.arca.version"]')" \
		"$(sed -n 1p <<<"$version")" "FEAT-16: version"
	assert_eq "commit: $(features -r '.annotations["io.github.arca.commit"]')" \
		"$(sed -n 2p <<<"$version")" "FEAT-16: commit"
	assert_eq "libseccomp: $(features -r '.annotations["io.github.seccomp.libseccomp.version"]')" \
		"$(sed -n 4p <<<"$version")" "FEAT-16: libseccomp version"
	assert_eq "$(features '.annotations | keys | map(select(startswith("org.opencontainers.runc"))) | length')" \
		0 "FEAT-16: no runc keys"
	assert_eq "$(features .potentiallyUnsafeConfigAnnotations)" '[]' "FEAT-17: none"
}

run_case case_output
run_case case_schema
run_case case_versions
run_case case_namespaces
run_case case_mount_options
run_case case_capabilities
run_case case_seccomp
run_case case_not_implemented
run_case case_annotations
finish
