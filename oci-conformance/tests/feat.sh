# Section 15: the features document (FEAT)
#
# `RUNTIME features` (runc's command; containerd reads it) is run once and
# kept in $T/feat/doc.json. A runtime without the command (it fails) passes
# FEAT-01 (MAY) with a note; every other row is then skipped with that reason.
# The structure is checked with jq against the rules of the spec's
# schema/features-schema.json + features-linux.json (FEAT-18) and the members
# each spec version defines (FEAT-03); every list the document publishes is
# then tried in configs given to create: a listed value must be recognised
# (accepted, and where it is cheap to see, applied). Values the spec
# defines only as information (cgroup managers, LSMs, Intel RDT, netDevices)
# are checked for their types and shown as notes.
#
# Failing cases, made with a wrapper runtime that edits the document of
# arca or runc with jq (see _feat_wrapper_doc in the row comments): each row
# below names the edit that makes it fail.

FEAT_DIR=""

# feat_doc: run `features` once; sets FEAT_RC and FEAT_DOC (the file)
feat_doc() {
	FEAT_DIR=$T/feat
	FEAT_DOC=$FEAT_DIR/doc.json
	if [ ! -e "$FEAT_DIR/rc" ]; then
		mkdir -p "$FEAT_DIR"
		local rc=0
		rt features </dev/null >"$FEAT_DOC" 2>"$FEAT_DIR/err" || rc=$?
		echo "$rc" >"$FEAT_DIR/rc"
	fi
	FEAT_RC=$(cat "$FEAT_DIR/rc")
}

# feat_need: skip the row unless the runtime publishes a JSON object
feat_need() {
	feat_doc
	[ "$FEAT_RC" = 0 ] || skip_test "the runtime has no features command (FEAT-01 is a MAY): $(short "$(cat "$FEAT_DIR/err")" 100)"
	jq -e 'type == "object"' "$FEAT_DOC" >/dev/null 2>&1 || fail "the features output is not a JSON object (FEAT-01)"
}

# fq [JQ_ARGS...] FILTER: jq -r on the document
fq() { jq -r "$@" "$FEAT_DOC"; }

# the strings of a list member, one a line (nothing when absent or null)
feat_list() { fq --arg p "$1" '(try getpath($p | split(".")) catch null) // [] | if type == "array" then .[] | strings else empty end'; }

# feat_state PATH: absent, null, or the JSON type of the member
feat_state() {
	fq --arg p "$1" '. as $d | ($p | split(".")) as $k
		| if ($d | try getpath($k[:-1]) catch null | type) != "object" then "absent"
		  elif ($d | getpath($k[:-1]) | has($k[-1]) | not) then "absent"
		  else ($d | getpath($k) | if . == null then "null" else type end) end'
}

# SemVer comparison in jq: semcmp(a; b) is -1, 0 or 1 (pre-releases sort
# before their release, identifiers as SemVer 2.0.0 §11)
SEMVER_JQ='
def semparts: capture("^(?<c>[0-9]+\\.[0-9]+\\.[0-9]+)(-(?<p>[0-9A-Za-z.-]+))?(\\+.*)?$")
	| {c: (.c | split(".") | map(tonumber)), p: (if .p then .p | split(".") | map(if test("^[0-9]+$") then tonumber else . end) else null end)};
def idcmp(a; b): if (a|type) == (b|type) then (if a < b then -1 elif a > b then 1 else 0 end)
	elif (a|type) == "number" then -1 else 1 end;
def precmp(a; b): if a == null and b == null then 0 elif a == null then 1 elif b == null then -1
	else ([range(0; [a|length, b|length] | min)] | map(idcmp(a[.]; b[.])) | map(select(. != 0)) | first)
	     // (if (a|length) < (b|length) then -1 elif (a|length) > (b|length) then 1 else 0 end) end;
def semcmp(a; b): (a|semparts) as $x | (b|semparts) as $y
	| if $x.c < $y.c then -1 elif $x.c > $y.c then 1 else precmp($x.p; $y.p) end;
def semver: type == "string" and test("^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$");
'

# the members each spec version defines (features.md, features-linux.md):
# 1.1.0 introduced the document (runc 1.1 declares 1.0.2-dev, the spec's
# development version the document was written in: checked as 1.1.0),
# 1.2.0 added potentiallyUnsafeConfigAnnotations and mountExtensions, 1.3.0
# memoryPolicy, netDevices and intelRdt.schemata/monitoring
FEAT_MEMBERS_1_1='ociVersionMin ociVersionMax hooks mountOptions annotations linux linux.namespaces
 linux.capabilities linux.cgroup linux.cgroup.v1 linux.cgroup.v2 linux.cgroup.systemd linux.cgroup.systemdUser
 linux.cgroup.rdma linux.seccomp linux.seccomp.enabled linux.seccomp.actions linux.seccomp.operators
 linux.seccomp.archs linux.seccomp.knownFlags linux.seccomp.supportedFlags linux.apparmor linux.apparmor.enabled
 linux.selinux linux.selinux.enabled linux.intelRdt linux.intelRdt.enabled'
FEAT_MEMBERS_1_2="$FEAT_MEMBERS_1_1 potentiallyUnsafeConfigAnnotations linux.mountExtensions
 linux.mountExtensions.idmap linux.mountExtensions.idmap.enabled"
FEAT_MEMBERS_1_3="$FEAT_MEMBERS_1_2 linux.memoryPolicy linux.memoryPolicy.modes linux.memoryPolicy.flags
 linux.intelRdt.schemata linux.intelRdt.monitoring linux.netDevices linux.netDevices.enabled"

# feat_version: the spec version whose member set applies (from ociVersionMax)
feat_version() {
	fq "$SEMVER_JQ"'.ociVersionMax as $v | if ($v | semver | not) then "invalid"
		elif semcmp($v; "1.2.0") < 0 then "1.1" elif semcmp($v; "1.3.0") < 0 then "1.2" else "1.3" end'
}

# the enums of schema/defs-linux.json (v1.3.0; the architectures
# LOONGARCH64, M68K, SH and SHEB came with 1.2.1)
FEAT_ENUMS='{
 "NamespaceType": ["mount","pid","network","uts","ipc","user","cgroup","time"],
 "SeccompAction": ["SCMP_ACT_KILL","SCMP_ACT_KILL_PROCESS","SCMP_ACT_KILL_THREAD","SCMP_ACT_TRAP","SCMP_ACT_ERRNO",
   "SCMP_ACT_TRACE","SCMP_ACT_ALLOW","SCMP_ACT_LOG","SCMP_ACT_NOTIFY"],
 "SeccompOperators": ["SCMP_CMP_NE","SCMP_CMP_LT","SCMP_CMP_LE","SCMP_CMP_EQ","SCMP_CMP_GE","SCMP_CMP_GT","SCMP_CMP_MASKED_EQ"],
 "SeccompArch": ["SCMP_ARCH_X86","SCMP_ARCH_X86_64","SCMP_ARCH_X32","SCMP_ARCH_ARM","SCMP_ARCH_AARCH64",
   "SCMP_ARCH_LOONGARCH64","SCMP_ARCH_M68K","SCMP_ARCH_MIPS","SCMP_ARCH_MIPS64","SCMP_ARCH_MIPS64N32","SCMP_ARCH_MIPSEL",
   "SCMP_ARCH_MIPSEL64","SCMP_ARCH_MIPSEL64N32","SCMP_ARCH_PPC","SCMP_ARCH_PPC64","SCMP_ARCH_PPC64LE","SCMP_ARCH_S390",
   "SCMP_ARCH_S390X","SCMP_ARCH_SH","SCMP_ARCH_SHEB","SCMP_ARCH_PARISC","SCMP_ARCH_PARISC64","SCMP_ARCH_RISCV64"],
 "SeccompArchBefore121": ["SCMP_ARCH_LOONGARCH64","SCMP_ARCH_M68K","SCMP_ARCH_SH","SCMP_ARCH_SHEB"],
 "SeccompFlag": ["SECCOMP_FILTER_FLAG_TSYNC","SECCOMP_FILTER_FLAG_LOG","SECCOMP_FILTER_FLAG_SPEC_ALLOW",
   "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"],
 "MemoryPolicyMode": ["MPOL_DEFAULT","MPOL_BIND","MPOL_INTERLEAVE","MPOL_WEIGHTED_INTERLEAVE","MPOL_PREFERRED",
   "MPOL_PREFERRED_MANY","MPOL_LOCAL"],
 "MemoryPolicyFlag": ["MPOL_F_NUMA_BALANCING","MPOL_F_RELATIVE_NODES","MPOL_F_STATIC_NODES"]
}'

# the schema's rules as jq: one line per violation, "PATH: what"; null is
# allowed for every member but the two versions (features.md: "MAY either be
# absent or have the null value", which the schema's types do not spell out)
FEAT_SCHEMA_JQ='
def at(p): getpath(p | split("."));
def has_at(p): (p | split(".")) as $k | try (getpath($k[:-1]) | type == "object" and has($k[-1])) catch false;
def chk(p; t): if has_at(p) and at(p) != null and (at(p) | type) != t
	then "\(p): \(at(p) | type), the schema says \(t)" else empty end;
def strs(p): chk(p; "array"), (if (at(p) | type) == "array" then
	(at(p) | to_entries[] | select(.value | type != "string") | "\(p)[\(.key)]: \(.value | type), not a string") else empty end);
def enum(p; e): strs(p), (if (at(p) | type) == "array" then
	(at(p)[] | strings | select(. as $s | e | index([$s]) | not) | "\(p): \"\(.)\" is not in the schema enum") else empty end);
def bools(p; names): chk(p; "object"), (names[] as $n | chk(p + "." + $n; "boolean"));
if type != "object" then "the document is \(type), not an object" else
 (("ociVersionMin", "ociVersionMax") as $r
  | if has($r) | not then "\($r): missing (required)"
    elif (.[$r] | type) != "string" then "\($r): \(.[$r] | type), the schema says string" else empty end),
 strs("hooks"), strs("mountOptions"), strs("potentiallyUnsafeConfigAnnotations"),
 chk("annotations"; "object"),
 (if (.annotations | type) == "object" then .annotations | to_entries[]
  | if .key == "" then "annotations: an empty key (mapStringString: .{1,})"
    elif (.value | type) != "string" then "annotations[\(.key)]: \(.value | type), not a string" else empty end
  else empty end),
 chk("linux"; "object"),
 enum("linux.namespaces"; $e.NamespaceType),
 strs("linux.capabilities"),
 (if (.linux.capabilities | type) == "array" then .linux.capabilities[] | strings
  | select(test("^CAP_[A-Z_]+$") | not) | "linux.capabilities: \"\(.)\" does not match ^CAP_[A-Z_]+$" else empty end),
 bools("linux.cgroup"; ["v1", "v2", "systemd", "systemdUser", "rdma"]),
 bools("linux.seccomp"; ["enabled"]),
 enum("linux.seccomp.actions"; $e.SeccompAction),
 enum("linux.seccomp.operators"; $e.SeccompOperators),
 enum("linux.seccomp.archs"; if $v == "1.3" or $v121 then $e.SeccompArch else $e.SeccompArch - $e.SeccompArchBefore121 end),
 enum("linux.seccomp.knownFlags"; $e.SeccompFlag),
 enum("linux.seccomp.supportedFlags"; $e.SeccompFlag),
 bools("linux.apparmor"; ["enabled"]), bools("linux.selinux"; ["enabled"]),
 bools("linux.intelRdt"; ["enabled", "schemata", "monitoring"]),
 chk("linux.mountExtensions"; "object"), bools("linux.mountExtensions.idmap"; ["enabled"]),
 bools("linux.netDevices"; ["enabled"]),
 chk("linux.memoryPolicy"; "object"),
 enum("linux.memoryPolicy.modes"; $e.MemoryPolicyMode),
 enum("linux.memoryPolicy.flags"; $e.MemoryPolicyFlag)
end'

# feat_run ID BUNDLE [OPTS]: run_to_end, then the container is deleted
feat_run() {
	run_to_end "$@"
	rt delete "$1" >/dev/null 2>&1 || force_delete "$1"
}

# the error of a failed run without what differs between runs (timestamps,
# IDs, temp paths, fd numbers) and with WORD replaced by @W@
feat_norm() {
	printf '%s' "$1" | sed -E -e 's/time="[^"]*" //g' -e "s#${T}[^ \":]*#PATH#g" -e 's/oc[0-9]+-[0-9]+/ID/g' \
		-e 's#/proc/self/fd/[0-9]+#FD#g' -e "s/(^|[^A-Za-z0-9_])$2([^A-Za-z0-9_]|\$)/\\1@W@\\2/g" \
		-e 's/(mounts|namespaces|syscalls|args)\[[0-9]+\]/\1[N]/g'
}

# feat_unsupported ERR: the runtime says it does not support what it was
# given (not the kernel's EOPNOTSUPP, "operation not supported")
feat_unsupported() { sed 's/operation not supported//Ig' <<<"$1" | grep -qiE 'not (yet )?supported|unsupported'; }

# ------------------------------------------------------------------ FEAT-01, FEAT-02

row FEAT-01 MAY "the runtime may publish a features document (the features command)"
# A runtime without the command passes with a note. One whose command
# succeeds must print a JSON object (a wrapper printing "features: {" fails).
t_FEAT_01() {
	feat_doc
	if [ "$FEAT_RC" != 0 ]; then
		note "no features document: \`features\` exits $FEAT_RC: $(short "$(cat "$FEAT_DIR/err")" 120)"
		return 0
	fi
	jq -e 'type == "object"' "$FEAT_DOC" >/dev/null 2>&1 ||
		fail "\`features\` succeeds but does not print a JSON object: $(short "$(head -c 300 "$FEAT_DOC")" 120)"
	[ "$(jq -s length "$FEAT_DOC")" = 1 ] || fail "\`features\` prints more than one JSON document"
	note "features: $(jq -c '{ociVersionMin, ociVersionMax} + (keys | {members: .})' "$FEAT_DOC")"
}

row FEAT-02 SHOULD "the document reflects what the runtime implements (build time), not what the host has"
# The document is asked for again in a mount namespace where the host looks
# poorer: no cgroup, security, SELinux or resctrl filesystem, and a
# cap_last_cap of 30 (a file bind-mounted over it). Only supportedFlags may
# differ (the spec lets it follow the kernel); another difference is a
# note (SHOULD). Failing to print a document there is not ok (a wrapper that
# fails without /sys/fs/cgroup/cgroup.controllers fails).
t_FEAT_02() {
	feat_need
	local d=$FEAT_DIR rc=0 strip
	echo 30 >"$d/cap_last_cap"
	unshare -m --propagation private sh -c '
		for m in /sys/fs/cgroup /sys/kernel/security /sys/fs/selinux /sys/fs/resctrl; do
			[ -d "$m" ] && mount -t tmpfs -o ro oci-feat "$m" 2>/dev/null
		done
		mount --bind "$1" /proc/sys/kernel/cap_last_cap || exit 90
		shift
		exec timeout -k 5 30 "$@" features' sh "$d/cap_last_cap" "$RT" --root "$STATE" \
		</dev/null >"$d/poor.json" 2>"$d/poor.err" || rc=$?
	[ "$rc" != 90 ] || skip_test "could not bind-mount a file over /proc/sys/kernel/cap_last_cap"
	[ "$rc" = 0 ] || fail "on a host without cgroup/security filesystems, \`features\` fails ($rc): $(short "$(cat "$d/poor.err")")"
	jq -e 'type == "object"' "$d/poor.json" >/dev/null 2>&1 || fail "there, \`features\` prints no JSON object: $(short "$(head -c 200 "$d/poor.json")")"
	strip='del(.linux.seccomp.supportedFlags?) | walk(if type == "array" then sort else . end)'
	if ! cmp -s <(jq -S "$strip" "$FEAT_DOC") <(jq -S "$strip" "$d/poor.json"); then
		note "the document depends on the host (cgroup/security filesystems hidden, cap_last_cap 30): $(diff <(jq -S "$strip" "$FEAT_DOC") <(jq -S "$strip" "$d/poor.json") | grep '^[<>]' | head -4 | tr '\n' ' ' | tr -s ' ')"
	elif ! cmp -s <(jq -S . "$FEAT_DOC") <(jq -S . "$d/poor.json"); then
		note "only supportedFlags differs on the poorer host (allowed)"
	fi
	return 0
}

# ------------------------------------------------------------------ FEAT-03, FEAT-04

row FEAT-03 "MUST / MUST NOT" "ociVersionMin/Max are required, max >= min, both accepted by create; no member undefined in ociVersionMax"
# Failing edits: del(.ociVersionMin); .ociVersionMin = "9.0.0" (max < min,
# and create refuses 9.0.0); .ociVersionMax = "1.1.0" on arca's document
# (memoryPolicy and mountExtensions are not defined in 1.1.0); .linux.oci_bogus = 1.
t_FEAT_03() {
	feat_need
	local r=0 v lo hi ver m b id allowed extra
	for m in ociVersionMin ociVersionMax; do
		v=$(fq --arg m "$m" "$SEMVER_JQ"'if has($m) | not then "missing" elif .[$m] | semver then "ok" else "bad" end')
		case $v in
		missing) say "$m is missing (REQUIRED)"; r=1 ;;
		bad) say "$m is $(fq --arg m "$m" '.[$m] | tojson'), not a SemVer version string"; r=1 ;;
		esac
	done
	[ $r = 0 ] || return 1
	lo=$(fq .ociVersionMin)
	hi=$(fq .ociVersionMax)
	[ "$(fq "$SEMVER_JQ"'semcmp(.ociVersionMax; .ociVersionMin)')" != -1 ] ||
		{ say "ociVersionMax $hi is less than ociVersionMin $lo"; r=1; }
	for v in "$lo" "$hi"; do
		b=$(mkbundle feat03 '.ociVersion = $v' --arg v "$v")
		prog "$b" 'echo version-ok'
		id=$(new_id)
		feat_run "$id" "$b"
		if [ "$RC" != 0 ]; then
			say "config ociVersion $v (from the document): $PHASE fails: $(short "$ERR")"
			r=1
		elif [ "$OUTPUT" != version-ok ]; then
			say "config ociVersion $v: the program printed [$OUTPUT]"
			r=1
		fi
	done
	ver=$(feat_version)
	case $ver in
	1.1) allowed=$FEAT_MEMBERS_1_1 ;;
	1.2) allowed=$FEAT_MEMBERS_1_2 ;;
	*) allowed=$FEAT_MEMBERS_1_3 ;;
	esac
	fq "$SEMVER_JQ"'semcmp(.ociVersionMax; "1.1.0") < 0' | grep -q true &&
		note "ociVersionMax $hi predates the spec release of the features document (1.1.0): checked against 1.1.0's members"
	fq "$SEMVER_JQ"'semcmp(.ociVersionMax; "1.4.0") >= 0' | grep -q true &&
		note "ociVersionMax $hi is newer than this suite (1.3): checked against 1.3's members"
	extra=$(fq --arg a "$allowed" '($a | split("\\s+"; null) | map(select(. != ""))) as $ok
		| [path(..) | select(length > 0 and all(.[]; type == "string"))
		   | select(.[0] != "annotations" or length == 1) | join(".")]
		| map(select(. as $p | $ok | index([$p]) | not)) | join(" ")')
	[ -z "$extra" ] || { say "members not defined in spec $ver (ociVersionMax $hi): $extra"; r=1; }
	return $r
}

row FEAT-04 "MUST NOT" "null (unknown) is not conflated with an empty value: what the document says is empty is not accepted"
# null members are shown as notes (unknown is allowed). An empty list or a
# false says the runtime recognises none of it: a config that uses it must
# then be refused by create (accepting it means the runtime either
# recognises it, so "none" is wrong and null was meant, or ignores a defined
# property). Tried: hooks [] (a createRuntime hook), linux.namespaces [] (a
# mount namespace), linux.capabilities [] (CAP_KILL), mountOptions []
# ("nosuid"), seccomp.enabled false or actions [] (an ALLOW profile),
# memoryPolicy.modes [] (MPOL_DEFAULT), mountExtensions.idmap.enabled false
# (a bind mount with uidMappings), each in a config of version ociVersionMax.
# Empty strings as list elements are not ok. Failing edit: .hooks = [] on
# runc's document (runc runs hooks); .linux.memoryPolicy.modes = [] on runc's
# (it ignores memoryPolicy, so it cannot say it recognises none).
t_FEAT_04() {
	feat_need
	local r=0 nulls empties hi what f b id
	nulls=$(fq '[paths(. == null) | map(tostring) | join(".")] | join(" ")')
	[ -z "$nulls" ] && note "no member is null" || note "null (unknown): $nulls"
	empties=$(fq '[paths(. == "") | map(tostring) | join(".")] | join(" ")')
	[ -z "$empties" ] || { say "empty strings where names are listed: $empties"; r=1; }
	hi=$(fq .ociVersionMax)
	mkdir -p "$T/feat04"
	while IFS='|' read -r what f; do
		[ -n "$what" ] || continue
		[ "$(fq "$what")" = true ] || continue
		b=$(mkbundle feat04 ".ociVersion = \$v | $f" --arg v "$hi" --arg src "$T/feat04" --arg mark "$T/feat04/hook-ran")
		prog "$b" 'echo empty-ok'
		id=$(new_id)
		feat_run "$id" "$b"
		if [ "$RC" = 0 ]; then
			say "the document says $what, but create accepts a config with: $f"
			r=1
		else
			[ -z "${OCI_VERBOSE:-}" ] || say "$what: refused: $(short "$ERR" 100)"
		fi
	done <<'EOF'
.hooks == []|.hooks = {createRuntime: [{path: "/bin/sh", args: ["sh", "-c", "echo > \"$0\"", $mark]}]}
.linux.namespaces == []|.
.linux.capabilities == []|.process.capabilities = {bounding: ["CAP_KILL"], permitted: ["CAP_KILL"], effective: ["CAP_KILL"]}
.mountOptions == []|.mounts += [{destination: "/feat04", type: "tmpfs", source: "tmpfs", options: ["nosuid"]}]
.linux.seccomp.enabled == false or .linux.seccomp.actions == []|.linux.seccomp = {defaultAction: "SCMP_ACT_ALLOW", syscalls: [{names: ["acct"], action: "SCMP_ACT_ALLOW"}]}
.linux.memoryPolicy.modes == []|.linux.memoryPolicy = {mode: "MPOL_DEFAULT"}
.linux.memoryPolicy.flags == []|.linux.memoryPolicy = {mode: "MPOL_BIND", nodes: "0", flags: ["MPOL_F_STATIC_NODES"]}
.linux.mountExtensions.idmap.enabled == false|.linux.namespaces += [{type: "user"}] | .linux.uidMappings = [{containerID: 0, hostID: 0, size: 65536}] | .linux.gidMappings = [{containerID: 0, hostID: 0, size: 65536}] | .mounts += [{destination: "/feat04", type: "bind", source: $src, options: ["bind"], uidMappings: [{containerID: 0, hostID: 100000, size: 1000}], gidMappings: [{containerID: 0, hostID: 100000, size: 1000}]}]
EOF
	return $r
}

# ------------------------------------------------------------------ FEAT-05, FEAT-06

row FEAT-05 MUST "each listed hook is supported in config.json: it runs"
# One container with one hook of every listed name, each writing a mark
# file (in the rootfs: the in-container hooks see it at /.feat-hooks, the
# others at its host path); after create, start and delete every mark must
# be there. A name the suite does not know is not ok (it cannot be a
# config.json hook). Failing edit: .hooks += ["prestart"] on arca's document
# (arca refuses hooks), or .hooks += ["oci_bogus"].
t_FEAT_05() {
	feat_need
	local hooks h b id root pid r=0 missing=""
	hooks=$(feat_list hooks)
	[ -n "$hooks" ] || { note "no hook is listed (hooks $(fq '.hooks | tojson'))"; return 0; }
	b=$(mkbundle feat05)
	root=$(rootfs_of "$b")
	mkdir -p "$root/.feat-hooks"
	chmod 777 "$root/.feat-hooks"
	for h in $hooks; do
		case $h in
		prestart | createRuntime | createContainer | startContainer | poststart | poststop) ;;
		*) say "hooks lists \"$h\", which is no config.json hook"; r=1; continue ;;
		esac
		cfg "$b" '.hooks[$h] = [{path: "/bin/sh", args: ["sh", "-c",
			"cat >/dev/null; for f in \"$0\" /.feat-hooks/\"$1\"; do if [ -d \"${f%/*}\" ]; then echo ran >\"$f\"; exit 0; fi; done; exit 1",
			$dir + "/" + $h, $h], env: ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"]}]' --arg h "$h" --arg dir "$root/.feat-hooks"
	done
	prog "$b" 'echo hooks-ok'
	id=$(new_id)
	create "$id" "$b"
	[ "$RC" = 0 ] || fail "create with the hooks $(echo $hooks) fails: $(short "$ERR")"
	pid=$(pid_of "$id")
	capture rt start "$id"
	[ "$RC" = 0 ] || { say "start fails: $(short "$ERR")"; r=1; }
	wait_dead "$pid" 10
	rt delete "$id" >/dev/null 2>&1 || { say "delete fails"; force_delete "$id"; r=1; }
	for h in $hooks; do
		case $h in prestart | createRuntime | createContainer | startContainer | poststart | poststop) ;; *) continue ;; esac
		[ -e "$root/.feat-hooks/$h" ] || missing="$missing $h"
	done
	[ -z "$missing" ] || { say "listed hooks that did not run:$missing"; r=1; }
	return $r
}

# feat_opt_mount OPTION: the mounts[] entry that tries OPTION (bind options
# on a bind mount of a directory, the rest on a tmpfs)
feat_opt_mount() {
	case $1 in
	bind | rbind) jq -n --arg o "$1" --arg d "$2" --arg s "$T/feat06" '{destination: $d, type: "bind", source: $s, options: [$o]}' ;;
	*) jq -n --arg o "$1" --arg d "$2" '{destination: $d, type: "tmpfs", source: "tmpfs", options: [$o]}' ;;
	esac
}

row FEAT-06 "MUST / SHOULD NOT" "each listed mount option is recognised in mounts[].options; no filesystem data options listed"
# First one container with a mount per option (/feat06/N). When that fails,
# each option alone: a refusal that reads like the refusal of an unknown
# option (oci-bogus-opt, same error text with the name replaced) is not ok;
# another failure means the option was recognised and the mount itself
# failed on this kernel or in this place (e.g. remount of a new mount
# point): a note. name=value entries (data options) are a note (SHOULD
# NOT). Failing edit: .mountOptions += ["oci-bogus"] (arca and runc pass it
# to tmpfs as data, as the control option).
t_FEAT_06() {
	feat_need
	local opts b id r=0 data
	opts=$(feat_list mountOptions)
	[ -n "$opts" ] || { note "no mount option is listed (mountOptions $(fq '.mountOptions | tojson'))"; return 0; }
	mkdir -p "$T/feat06"
	data=$(grep '=' <<<"$opts" | tr '\n' ' ')
	[ -z "$data" ] || note "mountOptions lists filesystem data options (SHOULD NOT): $data"
	# the control: an option nobody recognises
	b=$(mkbundle feat06 '.mounts += [$m]' --argjson m "$(feat_opt_mount oci-bogus-opt /feat06/1)")
	id=$(new_id)
	feat_run "$id" "$b"
	[ "$RC" != 0 ] || note "even the unknown option oci-bogus-opt is accepted: refusals cannot be told apart"
	FEAT06_CTL=$(feat_norm "$ERR" oci-bogus-opt)
	# remount cannot apply to a new mount point: alone, so that the batch can pass
	if grep -qx remount <<<"$opts"; then
		_feat06_try remount || r=1
		opts=$(grep -vx remount <<<"$opts")
	fi
	# shellcheck disable=SC2086
	[ -z "$opts" ] || _feat06_try $opts || r=1
	return $r
}

# _feat06_try OPTION...: one container with a mount per option; when it
# fails, each half again, down to single options (a few failing options
# cost a few runs, not one per option)
_feat06_try() {
	local b id m n=0 o
	m=$(for o in "$@"; do n=$((n + 1)); feat_opt_mount "$o" "/feat06/$n"; done | jq -s .)
	b=$(mkbundle feat06 '.mounts += $m' --argjson m "$m")
	prog "$b" 'echo opts-ok'
	id=$(new_id)
	feat_run "$id" "$b"
	[ "$RC" != 0 ] || return 0
	if [ $# -gt 1 ]; then
		local h=$(($# / 2)) r=0
		_feat06_try "${@:1:h}" || r=1
		_feat06_try "${@:h+1}" || r=1
		return $r
	fi
	o=$1
	if [ "$(feat_norm "$ERR" "$o")" = "$FEAT06_CTL" ] ||
		grep -qiE "(unknown|unrecogni[sz]ed|unsupported|invalid) (mount )?option[^a-z]*\"?$o\"?" <<<"$ERR"; then
		say "\"$o\" is refused like an unknown option: $(short "$ERR" 160)"
		return 1
	fi
	note "\"$o\" is recognised; the mount fails here: $(short "$ERR" 140)"
	return 0
}

# ------------------------------------------------------------------ FEAT-07, FEAT-08

# the /proc/PID/ns name of a namespace type
feat_nsfile() {
	case $1 in mount) echo mnt ;; network) echo net ;; *) echo "$1" ;; esac
}

row FEAT-07 MUST "each listed namespace type is recognised in linux.namespaces[].type"
# One created container with every listed type (a user namespace gets
# mappings): the state pid must be in a new namespace of each type the suite
# can see in /proc/PID/ns. When that create fails, each type alone, to name
# the one refused. Failing edit: .linux.namespaces += ["oci-bogus"] (BND-07:
# create must refuse it); runc 1.1.5 has no time namespace, it does not list
# one.
t_FEAT_07() {
	feat_need
	local types t b id pid r=0 f js bad=""
	types=$(feat_list linux.namespaces)
	[ -n "$types" ] || { note "no namespace type is listed ($(fq '.linux.namespaces | tojson'))"; return 0; }
	_feat07_bundle() { # TYPES...
		js=$(printf '%s\n' "$@" | jq -R . | jq -s 'map({type: .})')
		b=$(mkbundle feat07 '.linux.namespaces = (.linux.namespaces + $n | unique_by(.type))
			| if any(.linux.namespaces[]; .type == "user") then
			    .linux.uidMappings = [{containerID: 0, hostID: 0, size: 65536}]
			    | .linux.gidMappings = [{containerID: 0, hostID: 0, size: 65536}] else . end' --argjson n "$js")
		prog "$b" 'sleep 30'
	}
	# shellcheck disable=SC2086
	_feat07_bundle $types
	id=$(new_id)
	create "$id" "$b"
	if [ "$RC" = 0 ]; then
		pid=$(pid_of "$id")
		for t in $types; do
			f=$(feat_nsfile "$t")
			[ -e "/proc/self/ns/$f" ] || { note "\"$t\": no /proc/self/ns/$f here, not compared"; continue; }
			[ "$(ns_of "$pid" "$f")" != "$(ns_of $$ "$f")" ] || bad="$bad $t"
		done
		force_delete "$id"
		[ -z "$bad" ] || { say "create accepts but the container shares the runner's namespace of type:$bad"; return 1; }
		return 0
	fi
	say "create with every listed type fails: $(short "$ERR" 160)"
	for t in $types; do
		_feat07_bundle "$t"
		id=$(new_id)
		create "$id" "$b"
		if [ "$RC" != 0 ]; then
			if [ -e "/proc/self/ns/$(feat_nsfile "$t")" ] || [ "$t" != time ]; then
				say "namespace \"$t\" is refused: $(short "$ERR" 160)"
				r=1
			else
				note "namespace \"$t\": this kernel has none; create fails: $(short "$ERR" 120)"
			fi
		fi
		force_delete "$id"
	done
	return $r
}

row FEAT-08 MUST "each listed capability is recognised in process.capabilities (no unknown-capability warning; in the bounding set)"
# Every listed name in process.capabilities.bounding of one container
# (permitted/effective keep CAP_KILL): no warning on stderr or in --log may
# name one this kernel has (CAP-02: an unknown capability is a warning), and
# each one the kernel and the runner have must be in CapBnd inside. Names
# the runner lacks (this sandbox: CAP_SYS_RESOURCE) are left out: a runtime
# rightly warns that it cannot grant them. Failing edit:
# .linux.capabilities += ["CAP_OCI_BOGUS"] (warned about, or refused).
t_FEAT_08() {
	feat_need
	local caps c b id said bnd last n r=0 missing="" warned="" use="" lacking="" other=""
	caps=$(feat_list linux.capabilities)
	[ -n "$caps" ] || { note "no capability is listed ($(fq '.linux.capabilities | tojson'))"; return 0; }
	last=$(cat /proc/sys/kernel/cap_last_cap)
	for c in $caps; do
		n=$(jq -r --arg c "$c" 'index([$c]) // -1' <<<"$ALL_CAPS")
		if [ "$n" -ge 0 ] && [ "$n" -le "$last" ]; then
			has_cap "$n" && use="$use $c" || lacking="$lacking $c"
		else
			# a name the suite or this kernel does not know: tried, a warning is fine
			use="$use $c"
			other="$other $c"
		fi
	done
	[ -z "$lacking" ] || note "left out (the runner itself lacks them):$lacking"
	[ -z "$other" ] || note "not known to this kernel (cap_last_cap $last) or to the suite, a warning is allowed unless it calls the name unknown:$other"
	b=$(mkbundle feat08 '.process.capabilities = {bounding: $c, permitted: ["CAP_KILL"], effective: ["CAP_KILL"]}' \
		--argjson c "$(printf '%s\n' $use | jq -R . | jq -s 'map(select(. != ""))')")
	prog "$b" 'grep ^CapBnd: /proc/self/status'
	id=$(new_id)
	RT_GLOBAL="--log $T/feat08.log" feat_run "$id" "$b"
	said=$(cat "$b/ctr.err" "$T/feat08.log" 2>/dev/null)
	[ "$RC" = 0 ] || fail "create with the listed capabilities in the bounding set: $PHASE fails: $(short "$ERR")"
	for c in $use; do
		case " $other " in
		*" $c "*) grep -w -- "$c" <<<"$said" | grep -qiE 'unknown|unrecogni[sz]ed|invalid' && warned="$warned $c" ;;
		*) grep -qw -- "$c" <<<"$said" && warned="$warned $c" ;;
		esac
	done
	if [ -n "$warned" ]; then
		c=${warned# }
		say "the runtime warns about listed capabilities:$warned: $(short "$(grep -w -m1 -- "${c%% *}" <<<"$said")" 160)"
		r=1
	fi
	bnd=$(sed -n 's/^CapBnd:[[:space:]]*//p' <<<"$OUTPUT")
	[ -n "$bnd" ] || fail "the container printed no CapBnd: $(short "$OUTPUT")"
	for c in $use; do
		n=$(jq -r --arg c "$c" 'index([$c]) // -1' <<<"$ALL_CAPS")
		[ "$n" -ge 0 ] && [ "$n" -le "$last" ] || continue
		(( (16#$bnd >> n) & 1 )) || missing="$missing $c"
	done
	[ -z "$missing" ] || { say "listed, in the bounding set of the config, but not in CapBnd ($bnd) inside:$missing"; r=1; }
	return $r
}

# ------------------------------------------------------------------ FEAT-09

# feat_bools PATH NAMES...: the members are booleans (or null, or absent);
# prints a note with the values; not ok on another type
feat_bools() {
	local p=$1 st vals bad
	shift
	st=$(feat_state "$p")
	case $st in
	absent | null) note "$p is $st (unknown)"; return 0 ;;
	object) ;;
	*) say "$p is a $st, not an object"; return 1 ;;
	esac
	bad=$(fq --arg p "$p" --arg n "$*" '($n | split(" ")) as $n | getpath($p | split(".")) as $o
		| [$n[] | . as $k | select(($o | has($k)) and ($o[$k] | . != null and type != "boolean")) | "\($k) is \($o[$k] | tojson)"] | join(", ")')
	vals=$(fq --arg p "$p" --arg n "$*" '($n | split(" ")) as $n | getpath($p | split(".")) as $o
		| [$n[] | . as $k | "\($k)=\(if $o | has($k) then $o[$k] | tojson else "absent" end)"] | join(" ")')
	note "$p: $vals"
	[ -z "$bad" ] || { say "$p: not booleans: $bad"; return 1; }
	return 0
}

row FEAT-09 "—" "linux.cgroup: booleans v1, v2, systemd, systemdUser, rdma (the runtime's managers)"
# Informational: types are checked, the values shown next to the host's
# cgroup filesystems. Failing edit: .linux.cgroup.v2 = "yes".
t_FEAT_09() {
	feat_need
	feat_bools linux.cgroup v1 v2 systemd systemdUser rdma || return 1
	note "this host mounts: $(cgroup_mounts | while read -r m; do stat -f -c %T "$m"; done | sort | uniq -c | tr -s ' \n' ' ')"
	return 0
}

# ------------------------------------------------------------------ FEAT-10

# feat_secc NAME PROFILE_JSON: run `grep Seccomp:` under the profile; sets
# RC, ERR, SECC (the Seccomp field inside)
feat_secc() {
	local b id
	b=$(mkbundle "$1" '.linux.seccomp = $s' --argjson s "$2")
	prog "$b" 'grep ^Seccomp: /proc/self/status'
	id=$(new_id)
	feat_run "$id" "$b"
	SECC=$(sed -n 's/^Seccomp:[[:space:]]*//p' <<<"${OUTPUT:-}")
}

# rarely made system calls, one per rule (never called by sh, grep or the
# runtime's last steps)
FEAT_SYSCALLS=(acct swapon swapoff syslog vhangup sysfs ustat quotactl mincore remap_file_pages
	lookup_dcookie getcpu ioprio_get sched_getscheduler getpriority mlock2 munlockall iopl ioperm
	sched_rr_get_interval)

# feat_rule KIND VALUE N: a syscalls[] rule using VALUE as its action or operator
feat_rule() {
	local sc=${FEAT_SYSCALLS[$3 % ${#FEAT_SYSCALLS[@]}]}
	case $1 in
	action) jq -nc --arg a "$2" --arg s "$sc" '{names: [$s], action: $a}' ;;
	op) jq -nc --arg o "$2" --arg s "$sc" '{names: [$s], action: "SCMP_ACT_ERRNO",
		args: [{index: 0, value: 4242, valueTwo: 4242, op: $o}]}' ;;
	esac
}

row FEAT-10 MUST "linux.seccomp: listed actions, operators, archs and knownFlags are recognised; supportedFlags (within knownFlags) work"
# One profile (default ALLOW) with a rule per listed action (NOTIFY: with
# the suite's notify agent at listenerPath) and per listed operator, and
# every listed architecture: create and start must work and the program
# must run under a filter (Seccomp: 2). When that fails, each value alone
# names the one refused: refused like a bogus value of its kind (same error
# text, name replaced) is not ok, another failure (runc 1.1.5's libseccomp
# cannot add big-endian architectures to an x86_64 filter) a note.
# supportedFlags must be a subset of knownFlags and
# work (TSYNC, LOG, SPEC_ALLOW together; WAIT_KILLABLE_RECV with a notifying
# rule); a known but unsupported flag may fail create (a note). Failing
# edits: .linux.seccomp.actions += ["SCMP_ACT_OCI_BOGUS"] (SECC-06: refused);
# supportedFlags with a flag not in knownFlags.
t_FEAT_10() {
	feat_need
	local r=0 st actions ops archs known sup x n rules p agent="" notify="" f okflags extra
	st=$(feat_state linux.seccomp)
	case $st in
	absent | null) note "linux.seccomp is $st (unknown)"; return 0 ;;
	object) ;;
	*) fail "linux.seccomp is a $st" ;;
	esac
	note "seccomp.enabled: $(fq '.linux.seccomp.enabled | tojson')"
	actions=$(feat_list linux.seccomp.actions)
	ops=$(feat_list linux.seccomp.operators)
	archs=$(feat_list linux.seccomp.archs)
	known=$(feat_list linux.seccomp.knownFlags)
	sup=$(feat_list linux.seccomp.supportedFlags)
	extra=$(fq '(.linux.seccomp.supportedFlags // []) - (.linux.seccomp.knownFlags // []) | join(" ")')
	[ -z "$extra" ] || { say "supportedFlags not in knownFlags: $extra"; r=1; }
	if [ "$(fq '.linux.seccomp.enabled')" = false ] && [ -n "$actions$ops$archs$sup" ]; then
		note "seccomp.enabled is false, yet values are listed: they are tried all the same"
	fi
	if grep -qx SCMP_ACT_NOTIFY <<<"$actions" || grep -qx SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV <<<"$sup"; then
		start_agent feat10 && agent=$T/feat10.sock || say "the seccomp agent did not start (SCMP_ACT_NOTIFY not tried)"
	fi
	# everything at once
	n=0
	rules=$( {
		for x in $actions; do
			[ "$x" = SCMP_ACT_NOTIFY ] && { notify=1; continue; }
			n=$((n + 1)); feat_rule action "$x" $n
		done
		for x in $ops; do n=$((n + 1)); feat_rule op "$x" $n; done
		[ -z "$notify" ] || [ -z "$agent" ] || jq -nc '{names: ["sched_rr_get_interval"], action: "SCMP_ACT_NOTIFY"}'
	} | jq -s .)
	p=$(jq -nc --argjson r "$rules" --argjson a "$(printf '%s\n' $archs | jq -R . | jq -s 'map(select(. != ""))')" \
		--arg l "$agent" '{defaultAction: "SCMP_ACT_ALLOW", syscalls: $r}
		+ (if ($a | length) > 0 then {architectures: $a} else {} end)
		+ (if $l != "" and any($r[]; .action == "SCMP_ACT_NOTIFY") then {listenerPath: $l} else {} end)')
	feat_secc feat10 "$p"
	if [ "$RC" != 0 ] || [ "$SECC" != 2 ]; then
		if [ "$RC" = 0 ]; then
			say "every listed action/operator/arch: the program runs without a filter (Seccomp: ${SECC:-?})"
			r=1
		else
			note "every listed action/operator/arch at once: $PHASE fails: $(short "$ERR" 140)"
		fi
		# each value alone, against the refusal of a bogus one of its kind
		feat_secc feat10 "$(jq -nc --argjson r "$(feat_rule action SCMP_ACT_OCI_BOGUS 1)" '{defaultAction: "SCMP_ACT_ALLOW", syscalls: [$r]}')"
		local ctl_act ctl_op ctl_arch
		ctl_act=$(feat_norm "$ERR" SCMP_ACT_OCI_BOGUS)
		feat_secc feat10 "$(jq -nc --argjson r "$(feat_rule op SCMP_CMP_OCI_BOGUS 1)" '{defaultAction: "SCMP_ACT_ALLOW", syscalls: [$r]}')"
		ctl_op=$(feat_norm "$ERR" SCMP_CMP_OCI_BOGUS)
		feat_secc feat10 "$(jq -nc '{defaultAction: "SCMP_ACT_ALLOW", architectures: ["SCMP_ARCH_OCI_BOGUS"], syscalls: [{names: ["acct"], action: "SCMP_ACT_ERRNO"}]}')"
		ctl_arch=$(feat_norm "$ERR" SCMP_ARCH_OCI_BOGUS)
		_feat10_verdict() { # KIND VALUE CONTROL
			[ "$RC" = 0 ] && return 0
			if [ "$(feat_norm "$ERR" "$2")" = "$3" ] || feat_unsupported "$ERR"; then
				say "$1 $2 is refused like an unknown one: $(short "$ERR" 140)"
				r=1
			else
				note "$1 $2 is recognised; create fails here: $(short "$ERR" 120)"
			fi
		}
		n=0
		for x in $actions; do
			n=$((n + 1))
			if [ "$x" = SCMP_ACT_NOTIFY ]; then
				[ -n "$agent" ] || continue
				p=$(jq -nc --arg l "$agent" '{defaultAction: "SCMP_ACT_ALLOW", listenerPath: $l,
					syscalls: [{names: ["sched_rr_get_interval"], action: "SCMP_ACT_NOTIFY"}]}')
			else
				p=$(jq -nc --argjson r "$(feat_rule action "$x" 1)" '{defaultAction: "SCMP_ACT_ALLOW", syscalls: [$r]}')
			fi
			feat_secc feat10 "$p"
			_feat10_verdict action "$x" "$ctl_act"
		done
		for x in $ops; do
			feat_secc feat10 "$(jq -nc --argjson r "$(feat_rule op "$x" 1)" '{defaultAction: "SCMP_ACT_ALLOW", syscalls: [$r]}')"
			_feat10_verdict operator "$x" "$ctl_op"
		done
		for x in $archs; do
			feat_secc feat10 "$(jq -nc --arg a "$x" '{defaultAction: "SCMP_ACT_ALLOW", architectures: [$a], syscalls: [{names: ["acct"], action: "SCMP_ACT_ERRNO"}]}')"
			_feat10_verdict architecture "$x" "$ctl_arch"
		done
	fi
	# supportedFlags: they work
	okflags=$(grep -vx SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV <<<"$sup" | jq -R . | jq -sc 'map(select(. != ""))')
	if [ "$okflags" != "[]" ]; then
		feat_secc feat10 "$(jq -nc --argjson f "$okflags" '{defaultAction: "SCMP_ACT_ALLOW", flags: $f,
			syscalls: [{names: ["acct"], action: "SCMP_ACT_ERRNO"}]}')"
		if [ "$RC" != 0 ] || [ "$SECC" != 2 ]; then
			say "supportedFlags $okflags: $PHASE fails or no filter (Seccomp: ${SECC:-?}): $(short "$ERR" 140)"
			r=1
		fi
	fi
	if grep -qx SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV <<<"$sup" && [ -n "$agent" ]; then
		feat_secc feat10 "$(jq -nc --arg l "$agent" '{defaultAction: "SCMP_ACT_ALLOW", listenerPath: $l,
			flags: ["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"],
			syscalls: [{names: ["sched_rr_get_interval"], action: "SCMP_ACT_NOTIFY"}]}')"
		if [ "$RC" != 0 ] || [ "$SECC" != 2 ]; then
			say "supportedFlags WAIT_KILLABLE_RECV (with a notifying rule): $PHASE fails or no filter: $(short "$ERR" 140)"
			r=1
		fi
	fi
	# known, not supported here: recognised, may fail
	for f in $known; do
		grep -qx -- "$f" <<<"$sup" && continue
		feat_secc feat10 "$(jq -nc --arg f "$f" '{defaultAction: "SCMP_ACT_ALLOW", flags: [$f], syscalls: [{names: ["acct"], action: "SCMP_ACT_ERRNO"}]}')"
		note "knownFlags $f (not in supportedFlags): $([ "$RC" = 0 ] && echo accepted || echo "$PHASE fails: $(short "$ERR" 100)")"
	done
	[ -n "$known" ] || note "knownFlags $(fq '.linux.seccomp.knownFlags | tojson')"
	return $r
}

# ------------------------------------------------------------------ FEAT-11..13

row FEAT-11 "—" "linux.apparmor.enabled, linux.selinux.enabled: booleans (runtime support)"
# Failing edit: .linux.selinux = true (not an object).
t_FEAT_11() {
	feat_need
	local r=0
	feat_bools linux.apparmor enabled || r=1
	feat_bools linux.selinux enabled || r=1
	note "this host: AppArmor $([ -d /sys/kernel/security/apparmor ] && echo yes || echo no), SELinux $([ -d /sys/fs/selinux ] && echo yes || echo no)"
	return $r
}

row FEAT-12 MUST "each listed linux.memoryPolicy mode and flag is recognised"
# Each listed mode alone (nodes "0" where the mode takes nodes), each flag
# with MPOL_BIND: a refusal that reads like the one of MPOL_OCI_BOGUS (same
# text with the name replaced) or says "not supported" is not ok, another failure (the kernel
# refusing a combination) a note. Failing edit: .linux.memoryPolicy.modes =
# ["MPOL_BIND"] on arca's document (arca refuses memoryPolicy).
t_FEAT_12() {
	feat_need
	local modes flags x b id r=0 hi ctl
	modes=$(feat_list linux.memoryPolicy.modes)
	flags=$(feat_list linux.memoryPolicy.flags)
	[ -n "$modes$flags" ] || { note "no memory policy mode or flag is listed ($(fq '.linux.memoryPolicy | tojson'))"; return 0; }
	hi=$(fq .ociVersionMax)
	_feat12() { # MPOL FLAGS_JSON
		b=$(mkbundle feat12 '.ociVersion = $v | .linux.memoryPolicy = ({mode: $m, flags: $f}
			+ (if $m == "MPOL_DEFAULT" or $m == "MPOL_LOCAL" then {} else {nodes: "0"} end))
			| if $f == [] then del(.linux.memoryPolicy.flags) else . end' --arg v "$hi" --arg m "$1" --argjson f "$2")
		prog "$b" 'echo mpol-ok'
		id=$(new_id)
		feat_run "$id" "$b"
	}
	_feat12 MPOL_OCI_BOGUS '[]'
	ctl=$(feat_norm "$ERR" MPOL_OCI_BOGUS)
	for x in $modes; do
		_feat12 "$x" '[]'
		[ "$RC" != 0 ] || continue
		if [ "$(feat_norm "$ERR" "$x")" = "$ctl" ] || feat_unsupported "$ERR"; then
			say "mode $x is refused like an unknown mode: $(short "$ERR" 140)"
			r=1
		else
			note "mode $x is recognised; it fails here: $(short "$ERR" 120)"
		fi
	done
	_feat12 MPOL_BIND '["MPOL_F_OCI_BOGUS"]'
	ctl=$(feat_norm "$ERR" MPOL_F_OCI_BOGUS)
	for x in $flags; do
		_feat12 MPOL_BIND "[\"$x\"]"
		[ "$RC" != 0 ] || continue
		if [ "$(feat_norm "$ERR" "$x")" = "$ctl" ] || feat_unsupported "$ERR"; then
			say "flag $x is refused like an unknown flag: $(short "$ERR" 140)"
			r=1
		else
			note "flag $x (with MPOL_BIND) is recognised; it fails here: $(short "$ERR" 120)"
		fi
	done
	return $r
}

row FEAT-13 "—" "linux.intelRdt: booleans enabled, schemata, monitoring"
# Failing edit: .linux.intelRdt.enabled = 1.
t_FEAT_13() {
	feat_need
	feat_bools linux.intelRdt enabled schemata monitoring || return 1
	[ "$(fq '.linux.intelRdt.enabled')" != false ] ||
		[ "$(fq '[.linux.intelRdt.schemata, .linux.intelRdt.monitoring] | any(. == true)')" != true ] ||
		note "schemata or monitoring is true while enabled is false"
	return 0
}

# ------------------------------------------------------------------ FEAT-14..18

row FEAT-14 MUST "linux.mountExtensions.idmap.enabled is true when the runtime parses and uses mount uidMappings/gidMappings"
# enabled true: an idmapped bind mount in a user-namespaced container must
# not be refused as unknown or unsupported (a kernel refusal is a note).
# enabled false: FEAT-04 checks that such a mount is refused. Absent or null
# (runc 1.1.5, which ignores the mappings; its spec 1.0.2 does not define
# them): a note. Failing edit: .linux.mountExtensions.idmap.enabled = true on
# arca's document (arca refuses mount uidMappings as not supported yet).
t_FEAT_14() {
	feat_need
	local v b id
	v=$(fq '.linux.mountExtensions.idmap.enabled | tojson')
	[ "$v" = true ] || { note "idmap.enabled is $v$([ "$v" = false ] && echo " (FEAT-04 checks that idmapped mounts are refused)")"; return 0; }
	mkdir -p "$T/feat14"
	b=$(mkbundle feat14 '.ociVersion = $v | .linux.namespaces += [{type: "user"}]
		| .linux.uidMappings = [{containerID: 0, hostID: 0, size: 65536}] | .linux.gidMappings = [{containerID: 0, hostID: 0, size: 65536}]
		| .mounts += [{destination: "/feat14", type: "bind", source: $src, options: ["bind"],
		    uidMappings: [{containerID: 0, hostID: 100000, size: 65536}], gidMappings: [{containerID: 0, hostID: 100000, size: 65536}]}]' \
		--arg v "$(fq .ociVersionMax)" --arg src "$T/feat14")
	prog "$b" 'stat -c "%u:%g" /feat14'
	id=$(new_id)
	feat_run "$id" "$b"
	if [ "$RC" = 0 ]; then
		note "an idmapped bind mount is accepted (owner inside: $OUTPUT)"
		return 0
	fi
	if grep -qiE 'not (yet )?supported|unknown|unsupported' <<<"$ERR" && grep -qiE 'uidMappings|gidMappings|idmap' <<<"$ERR"; then
		fail "idmap.enabled is true, but mount uidMappings are refused: $(short "$ERR")"
	fi
	note "idmapped bind mount: $PHASE fails, not as unknown: $(short "$ERR" 140)"
	return 0
}

row FEAT-15 "—" "linux.netDevices.enabled: a boolean"
# Failing edit: .linux.netDevices.enabled = "true".
t_FEAT_15() {
	feat_need
	feat_bools linux.netDevices enabled
}

row FEAT-16 MUST "annotations: a string map with the config annotation rules (non-empty unique keys, string values)"
# Keys not in reverse domain notation and org.opencontainers keys outside
# config.md's table are notes (SHOULD; runc and the spec's own example use
# org.opencontainers.runc.*). Failing edits: .annotations[""] = "x";
# .annotations.x = 1; a duplicated key (checked on the raw output).
t_FEAT_16() {
	feat_need
	local st r=0 dup keys
	st=$(feat_state annotations)
	case $st in
	absent | null) note "annotations is $st"; return 0 ;;
	object) ;;
	*) fail "annotations is a $st, not an object" ;;
	esac
	fq '.annotations | to_entries[] | select(.key == "") | "an empty key"' | grep -q . && { say "annotations has an empty key"; r=1; }
	keys=$(fq '.annotations | to_entries[] | select(.value | type != "string") | "\(.key)=\(.value | tojson)"' | tr '\n' ' ')
	[ -z "$keys" ] || { say "annotations with values that are not strings: $keys"; r=1; }
	dup=$(jq -c --stream 'select(length == 2 and .[0][0] == "annotations" and (.[0] | length) >= 2) | .[0][1]' "$FEAT_DOC" |
		sort | uniq -d | tr '\n' ' ')
	[ -z "$dup" ] || { say "duplicate annotation keys: $dup"; r=1; }
	keys=$(fq '.annotations | keys[] | select(test("^[A-Za-z0-9-]+(\\.[A-Za-z0-9_-]+)+$") | not)' | tr '\n' ' ')
	[ -z "$keys" ] || note "keys not in reverse domain notation (SHOULD): $keys"
	keys=$(fq '.annotations | keys[] | select(startswith("org.opencontainers.") and (startswith("org.opencontainers.image.") | not))' | tr '\n' ' ')
	[ -z "$keys" ] || note "keys in the reserved org.opencontainers namespace: $keys"
	note "annotations: $(fq '.annotations | keys | join(" ")')"
	return $r
}

row FEAT-17 "—" "potentiallyUnsafeConfigAnnotations: annotation keys; a trailing '.' makes a prefix"
# Each entry must be a string usable as an annotation key (not empty, no
# whitespace); prefixes and keys are shown. Failing edit:
# .potentiallyUnsafeConfigAnnotations = ["", 1].
t_FEAT_17() {
	feat_need
	local st bad
	st=$(feat_state potentiallyUnsafeConfigAnnotations)
	case $st in
	absent | null) note "potentiallyUnsafeConfigAnnotations is $st"; return 0 ;;
	array) ;;
	*) fail "potentiallyUnsafeConfigAnnotations is a $st, not an array" ;;
	esac
	bad=$(fq '.potentiallyUnsafeConfigAnnotations[] | select(type != "string" or . == "" or test("\\s")) | tojson' | tr '\n' ' ')
	[ -z "$bad" ] || fail "entries that are no annotation key: $bad"
	note "prefixes: $(fq '[.potentiallyUnsafeConfigAnnotations[] | select(endswith("."))] | tojson')," \
		"keys: $(fq '[.potentiallyUnsafeConfigAnnotations[] | select(endswith(".") | not)] | tojson')"
	return 0
}

row FEAT-18 MUST "the document validates against schema/features-schema.json + features-linux.json"
# The schema's types, required members and enums, as jq (FEAT_SCHEMA_JQ;
# the architectures of the enum follow the declared ociVersionMax); null
# members are accepted (features.md) and named in a note. Failing edits:
# .linux.namespaces += ["oci-bogus"]; .hooks = "prestart"; .linux.seccomp.archs
# += ["SCMP_ARCH_SH"] with ociVersionMax 1.1.0.
t_FEAT_18() {
	feat_need
	local errs v121 nulls
	v121=$(fq "$SEMVER_JQ"'(.ociVersionMax | semver) and semcmp(.ociVersionMax; "1.2.1") >= 0')
	errs=$(fq --argjson e "$FEAT_ENUMS" --arg v "$(feat_version)" --argjson v121 "${v121:-false}" "$FEAT_SCHEMA_JQ")
	nulls=$(fq '[paths(. == null) | map(tostring) | join(".")] | join(" ")')
	[ -z "$nulls" ] || note "null members (the schema's types leave null out; features.md allows it): $nulls"
	[ -z "$errs" ] || { say "$errs"; return 1; }
	return 0
}
