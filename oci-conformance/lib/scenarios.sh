# Inside-check scenarios: one container run of the checker per config, shared
# by every row that config covers. `inside SCENARIO ROW` runs the scenario the
# first time a row asks for it (its results are kept under $T/scen) and turns
# the checker's lines for ROW into the row's verdict.
#
# A scenario is a function scen_<name> that makes a bundle and calls
# inside_run NAME BUNDLE [CREATE_OPTS...]. Optional pause_<name> BUNDLE ID PID
# runs while the checker waits (annotation org.oci-conformance.pause), and
# after_<name> BUNDLE after the container is gone; both print checker-style
# lines ("ok ROW - ...", "not ok ROW - ...") for host-side checks.

# scenario NAME: make sure NAME has run
scenario() {
	local name=$1
	[ -e "$T/scen/$name.status" ] && return 0
	mkdir -p "$T/scen"
	local fn="scen_${name//-/_}"
	if ! declare -F "$fn" >/dev/null; then
		echo "no such scenario" >"$T/scen/$name.status"
		return 0
	fi
	("$fn") >"$T/scen/$name.log" 2>&1
	[ -e "$T/scen/$name.status" ] || echo "scenario setup failed: $(tail -3 "$T/scen/$name.log" | tr '\n' ' ')" >"$T/scen/$name.status"
	return 0
}

_host_hook() { # KIND NAME ARGS...
	local fn="$1_${2//-/_}"
	shift 2
	if declare -F "$fn" >/dev/null; then "$fn" "$@"; fi
	return 0
}

# inside_run NAME BUNDLE [CREATE_OPTS...]
inside_run() {
	local name=$1 b=$2
	shift 2
	local d=$T/scen id pid root
	id=$(new_id)
	: >"$d/$name.host"
	create "$id" "$b" "$@"
	if [ "$RC" != 0 ]; then
		echo "create failed: $(short "$ERR" 1000)" >"$d/$name.status"
		force_delete "$id"
		return 0
	fi
	pid=$(pid_of "$id")
	root=$(rootfs_of "$b")
	capture rt start "$id"
	if [ "$RC" != 0 ]; then
		echo "start failed: $(short "$ERR $(cat "$b/ctr.err")" 1000)" >"$d/$name.status"
		cp "$b/ctr.out" "$d/$name.out"
		force_delete "$id"
		return 0
	fi
	local outfile=${INSIDE_OUTFILE:-$b/ctr.out}
	if jq -e '.annotations["org.oci-conformance.pause"]' "$b/config.json" >/dev/null 2>&1; then
		if wait_until 20 grep -q '^# pause' "$outfile"; then
			_host_hook pause "$name" "$b" "$id" "$pid" >>"$d/$name.host" 2>&1
		else
			echo "not ok PAUSE - the checker never paused" >>"$d/$name.host"
		fi
		touch "$root/oci-conformance-continue"
	fi
	if [ -n "$pid" ] && [ "$pid" != 0 ]; then
		if ! wait_dead "$pid" 20; then
			echo "the container process did not exit within 20 s" >"$d/$name.status"
			force_delete "$id"
			return 0
		fi
	else
		wait_status "$id" stopped 20
	fi
	[ -z "${INSIDE_WAIT:-}" ] || "$INSIDE_WAIT"
	rt delete "$id" >/dev/null 2>&1 || force_delete "$id"
	_host_hook after "$name" "$b" >>"$d/$name.host" 2>&1
	tr -d '\r' <"$outfile" >"$d/$name.out"
	cat "$d/$name.host" >>"$d/$name.out"
	echo ok >"$d/$name.status"
	return 0
}

# inside SCENARIO ROW [soft]: the verdict for ROW from SCENARIO. With "soft"
# (SHOULD/MAY rows) a runtime that refuses the whole config is a choice: ok,
# with a note.
inside() {
	local name=$1 row=$2 mode=${3:-must} st out
	scenario "$name"
	st=$(cat "$T/scen/$name.status")
	out=$T/scen/$name.out
	if [ "$st" != ok ]; then
		if [ "$mode" = soft ] && [[ $st == "create failed"* ]]; then
			note "[$name] the runtime refuses this config: $(_tail_short "${st#create failed: }")"
			return 0
		fi
		say "[$name] $(_tail_short "$st")"
		[ ! -s "$out" ] || say "[$name] output: $(short "$(cat "$out")" 300)"
		return 1
	fi
	grep "^# note $row - " "$out" | sed "s/^# note $row - /$NOTE_PREFIX [$name] /"
	if [ -n "${OCI_VERBOSE:-}" ]; then
		grep "^ok $row - " "$out" | sed "s/^ok $row - /[$name] ok: /"
	fi
	if grep -q "^not ok $row - " "$out"; then
		grep "^not ok $row - " "$out" | sed "s/^not ok $row - /[$name] /"
		return 1
	fi
	if ! grep -q "^ok $row - " "$out"; then
		grep -q "^# note $row - " "$out" && return 0
		grep -q '^# done' "$out" || say "[$name] the checker did not finish: $(short "$(tail -3 "$out")")"
		say "[$name] no check result for $row"
		return 1
	fi
	return 0
}

# inside_all ROW SCENARIO...: every scenario must hold for ROW
inside_all() {
	local row=$1 s r=0
	shift
	for s in "$@"; do inside "$s" "$row" || r=1; done
	return $r
}

# ann BUNDLE KEY VALUE: set annotation org.oci-conformance.KEY
ann() {
	cfg "$1" '.annotations = ((.annotations // {}) + {("org.oci-conformance." + $k): $v})' --arg k "$2" --arg v "$3"
}

# check BUNDLE ROW N "OP ARGS": an extra in-container assertion for ROW
check() { ann "$1" "check.$2.$3" "$4"; }
# post BUNDLE ROW N "OP ARGS": an assertion evaluated after the pause
post() { ann "$1" "post.$2.$3" "$4"; }

# caps for scenarios that mount inside the container
SYS_ADMIN_CAPS='["CAP_SYS_ADMIN","CAP_CHOWN","CAP_DAC_OVERRIDE","CAP_FOWNER","CAP_SETUID","CAP_SETGID"]'
with_admin_caps() {
	cfg "$1" '.process.capabilities = {bounding: $c, effective: $c, permitted: $c}' --argjson c "$SYS_ADMIN_CAPS"
}

# ------------------------------------------------------------------ scenarios shared by several sections

# base: the default config, checked from inside; while the checker waits, the
# host must not see any of the container's mounts
scen_base() {
	local b
	b=$(mkbundle base)
	ann "$b" pause 1
	inside_run base "$b"
}
pause_base() { no_leak_line "$1"; }

# no_leak_line BUNDLE: PROP-06's host-side check, as a checker line
no_leak_line() {
	local l
	l=$(host_mounts_under "$1")
	if [ -z "$l" ]; then
		echo "ok PROP-06 - no mount of the container shows on the host under its bundle"
	else
		echo "not ok PROP-06 - container mounts leaked into the host mount namespace: $(echo $l)"
	fi
}

# user: a non-root user, groups, umask, cwd, PATH lookup, domainname
scen_user() {
	local b
	b=$(mkbundle user '.ociVersion = "1.1.0"
		| .process.user = {uid: 1000, gid: 1000, additionalGids: [5, 100, 2000], umask: 23}
		| .process.cwd = "/oci/cwd"
		| .process.args = ["oci-checker", "arg with space", "", "ünï-arg", "--x=y"]
		| .process.env = ["PATH=/usr/local/oci/bin:/bin", "OCI_USER=1"]
		| .process.noNewPrivileges = false
		| .hostname = "oci-user" | .domainname = "oci.example"')
	inside_run user "$b"
}

# a long runtime error: its start and its end (where the reason usually is)
_tail_short() {
	local s=$1
	if [ ${#s} -le 300 ]; then
		printf '%s' "$s"
	else
		printf '%s ... %s' "${s:0:120}" "${s: -170}"
	fi
}
