# Section 7: cgroups placement (CG)
#
# Placement is read from /proc/<pid>/cgroup between create and start: one line
# per hierarchy (v1 controllers, named hierarchies, the v2 unified one).

# cg_lines PID: the lines of /proc/PID/cgroup whose hierarchy is mounted on
# the host. A v1 hierarchy outlives its last mount in the kernel (it then
# still shows in every process's cgroup file), and no runtime can place a
# container in a hierarchy nobody mounts.
cg_lines() {
	awk 'NR == FNR {
		for (i = 7; i <= NF; i++) if ($i == "-") break
		if ($(i + 1) == "cgroup2") v2 = 1
		if ($(i + 1) == "cgroup") { n = split($(i + 3), o, ","); for (j = 1; j <= n; j++) mounted[o[j]] = 1 }
		next }
		{ split($0, f, ":"); if (f[2] == "") { if (v2) print; next }
		  n = split(f[2], c, ","); for (j = 1; j <= n; j++) if (c[j] in mounted) { print; next } }' \
		/proc/self/mountinfo "/proc/$1/cgroup"
}

# cg_paths PID: the distinct cgroup paths of PID, one per line
cg_paths() { cg_lines "$1" | cut -d: -f3- | sort -u; }

# cg_create ID BUNDLE: create, check it worked; sets PID
cg_create() {
	create "$1" "$2"
	created_ok "$1" "create" || return 1
	PID=$(pid_of "$1")
}

# every hierarchy's line of PID ends with PATH: prints what differs
cg_all_end_with() {
	local pid=$1 want=$2 bad
	bad=$(awk -F: -v w="$want" '{ p = $0; sub(/^[^:]*:[^:]*:/, "", p);
		if (length(p) < length(w) || substr(p, length(p) - length(w) + 1) != w) print $0 }' <(cg_lines "$pid"))
	[ -z "$bad" ] || { say "not in ...$want: $(echo $bad)"; return 1; }
}

row CG-01 MUST "an absolute cgroupsPath is taken from the root of each hierarchy"
# cgroupsPath /oci-conformance-<pid>/<id>: every line of /proc/<pid>/cgroup
# must be exactly that path (a runtime that nests it under its own cgroup
# fails: the line then ends with it but does not equal it).
t_CG_01() {
	local b id bad
	b=$(mkbundle cg01)
	id=$(new_id)
	cg_create "$id" "$b" || return 1
	bad=$(awk -F: -v w="$CGPARENT/$id" '{ p = $0; sub(/^[^:]*:[^:]*:/, "", p); if (p != w) print $0 }' <(cg_lines "$PID"))
	[ -z "$bad" ] || fail "cgroupsPath $CGPARENT/$id is not taken from the hierarchy roots: $(echo $bad)"
	[ -n "$(cgroup_dirs "$id")" ] || fail "no directory $CGPARENT/$id in any hierarchy"
}

row CG-02 MAY "a relative cgroupsPath may be placed under a runtime-chosen parent"
t_CG_02() {
	local b id rel=oci-conformance-rel-$$/cg02
	b=$(mkbundle cg02 '.linux.cgroupsPath = $p' --arg p "$rel")
	id=$(new_id)
	cg_create "$id" "$b" || return 1
	cg_all_end_with "$PID" "/$rel" || return 1
	note "placed at $(cg_paths "$PID" | tr '\n' ' ')"
	rt delete -f "$id" >/dev/null 2>&1
	for m in $(cgroup_mounts); do _sweep_cgroup "$m/oci-conformance-rel-$$"; _sweep_cgroup "$m/arca/oci-conformance-rel-$$"; done
	for m in $(cgroup_mounts); do find "$m" -maxdepth 4 -type d -name "oci-conformance-rel-$$" 2>/dev/null | while read -r d; do _sweep_cgroup "$d"; done; done
	return 0
}

row CG-03 MUST "the same cgroupsPath value always lands at the same place"
# Two containers, one after the other, with the same absolute and then the
# same relative value: the same paths both times.
t_CG_03() {
	local v b id first r=0 m
	for v in "$CGPARENT/cg03" "oci-conformance-rel-$$/cg03"; do
		first=""
		for n in 1 2; do
			b=$(mkbundle cg03 '.linux.cgroupsPath = $p' --arg p "$v")
			id=$(new_id)
			cg_create "$id" "$b" || return 1
			if [ -z "$first" ]; then
				first=$(cg_paths "$PID")
			elif [ "$(cg_paths "$PID")" != "$first" ]; then
				say "cgroupsPath $v: first at $(echo $first), then at $(cg_paths "$PID" | tr '\n' ' ')"
				r=1
			fi
			rt delete -f "$id" >/dev/null 2>&1
		done
	done
	for m in $(cgroup_mounts); do find "$m" -maxdepth 4 -type d -name "oci-conformance-rel-$$" 2>/dev/null | while read -r d; do _sweep_cgroup "$d"; done; done
	return $r
}

row CG-04 MUST "a cgroupsPath the runtime declares invalid is an error, never placed elsewhere"
# A systemd-style value (slice:prefix:name) for a cgroupfs runtime: refusing
# it is a choice (note); accepting it must place the container at that value
# (literally, or as systemd would: the slice and prefix-name.scope), not at a
# default.
t_CG_04() {
	local b id v="oci-conformance.slice:oci:cg04-$$"
	b=$(mkbundle cg04 '.linux.cgroupsPath = $p' --arg p "$v")
	id=$(new_id)
	create "$id" "$b"
	if [ "$RC" != 0 ]; then
		note "the runtime refuses cgroupsPath $v: $(short "$ERR" 120)"
		no_trace "$id" "$b"
		return
	fi
	PID=$(pid_of "$id")
	local bad
	bad=$(cg_lines "$PID" | grep -v -e "$v" -e 'oci-conformance.slice/.*oci-cg04-'"$$"'.scope')
	rt delete -f "$id" >/dev/null 2>&1
	for m in $(cgroup_mounts); do find "$m" -maxdepth 4 -type d -name "$v" 2>/dev/null | while read -r d; do _sweep_cgroup "$d"; done; done
	[ -z "$bad" ] || fail "cgroupsPath $v accepted but not used: $(echo $bad)"
	note "cgroupsPath $v is taken literally"
}

row CG-05 "MAY / MUST*" "without cgroupsPath the runtime picks one place, one path for every hierarchy, created"
t_CG_05() {
	local b id paths
	b=$(mkbundle cg05)
	id=$(new_id)
	OCI_NO_CGPATH=1 cg_create "$id" "$b" || return 1
	# one path, taken from the root or from the caller's own cgroup in each
	# hierarchy (a relative default): what is left after that prefix is equal
	paths=$(awk -F: 'NR == FNR { own[$1] = substr($0, length($1 $2) + 3); next }
		{ p = substr($0, length($1 $2) + 3); o = own[$1];
		  if (o != "/" && index(p, o "/") == 1) p = substr(p, length(o) + 1); print p }' \
		<(cg_lines $$) <(cg_lines "$PID") | sort -u)
	[ "$(wc -l <<<"$paths")" = 1 ] || fail "different paths per hierarchy: $(cg_paths "$PID" | tr '\n' ' ')"
	grep -qxF -- "$paths" <(cg_paths $$) && fail "the container shares the runner's cgroup $paths"
	note "default cgroup $(cg_paths "$PID" | tr '\n' ' ')"
}

row CG-06 "MUST* / MAY" "the process is in its cgroup and linux.resources is applied at create"
# pids.limit 42: pids.max of the container's cgroup must read 42 between
# create and start. arca refuses resources ("not supported yet"): not ok.
t_CG_06() {
	local b id d got=""
	b=$(mkbundle cg06 '.linux.resources = {pids: {limit: 42}}')
	id=$(new_id)
	cg_create "$id" "$b" || return 1
	grep -q ":$CGPARENT/$id\$" "/proc/$PID/cgroup" || fail "the process is not in $CGPARENT/$id at create"
	for d in $(cgroup_dirs "$id"); do [ -e "$d/pids.max" ] && got=$(cat "$d/pids.max"); done
	[ -n "$got" ] || skip_test "no pids controller on this host"
	[ "$got" = 42 ] || fail "pids.max is $got after create, resources.pids.limit is 42"
}

row CG-07 "MAY / MUST" "fitness checks of the container cgroup are optional; one that fails is an error"
# A cgroupsPath that already holds a process: refusing it (an error, nothing
# left) or accepting it (the container joins it) are both allowed; a runtime
# that accepts must place the process there.
t_CG_07() {
	local b id m sl
	sleep 60 &
	sl=$!
	track_pid "$sl"
	for m in $(cgroup_mounts); do
		mkdir -p "$m$CGPARENT/cg07" 2>/dev/null && echo "$sl" >"$m$CGPARENT/cg07/cgroup.procs" 2>/dev/null
	done
	b=$(mkbundle cg07 '.linux.cgroupsPath = $p' --arg p "$CGPARENT/cg07")
	id=$(new_id)
	create "$id" "$b"
	if [ "$RC" != 0 ]; then
		note "the runtime refuses a non-empty cgroup: $(short "$ERR" 120)"
		! rt state "$id" >/dev/null 2>&1 || fail "a failed create left state behind"
		return 0
	fi
	PID=$(pid_of "$id")
	grep -q ":$CGPARENT/cg07\$" "/proc/$PID/cgroup" || fail "accepted, but not placed in $CGPARENT/cg07"
	note "the runtime accepts a non-empty cgroup"
}

row CG-08 MUST* "without resources, the limits of an existing cgroup are left alone"
# pids.max 77 set by the runner before create, no linux.resources.
t_CG_08() {
	local b id m d="" got
	for m in $(cgroup_mounts); do
		mkdir -p "$m$CGPARENT/cg08" 2>/dev/null
		[ -e "$m$CGPARENT/cg08/pids.max" ] && echo 77 >"$m$CGPARENT/cg08/pids.max" && d=$m$CGPARENT/cg08
	done
	[ -n "$d" ] || skip_test "no pids controller on this host"
	b=$(mkbundle cg08 '.linux.cgroupsPath = $p' --arg p "$CGPARENT/cg08")
	id=$(new_id)
	cg_create "$id" "$b" || return 1
	got=$(cat "$d/pids.max")
	[ "$got" = 77 ] || fail "pids.max of the existing cgroup changed from 77 to $got"
}
