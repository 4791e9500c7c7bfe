# Section 5a: namespaces (NS)

USERNS_MAPS='{"uidMappings": [{"containerID": 0, "hostID": 200000, "size": 65536}],
              "gidMappings": [{"containerID": 0, "hostID": 200000, "size": 65536}]}'

# ns_differ PID TYPE...: each namespace of PID differs from the runner's
ns_differ() {
	local pid=$1 ns r=0
	shift
	for ns in "$@"; do
		[ -n "$(ns_of "$pid" "$ns")" ] || { say "/proc/$pid/ns/$ns is unreadable"; r=1; continue; }
		[ "$(ns_of "$pid" "$ns")" != "$(ns_of $$ "$ns")" ] || { say "the container shares the runtime's $ns namespace"; r=1; }
	done
	return $r
}

row NS-01 "SHOULD/MUST" "pid, network, mount, ipc, uts, user, cgroup and time are supported; other types are errors"
t_NS_01() {
	local b id pid r=0
	b=$(mkbundle ns01 '.linux.namespaces = [{type: "pid"}, {type: "network"}, {type: "mount"}, {type: "ipc"},
		{type: "uts"}, {type: "user"}, {type: "cgroup"}] | .linux += $m' --argjson m "$USERNS_MAPS")
	prog "$b" "$WAIT_GO"
	id=$(new_id)
	create "$id" "$b"
	if created_ok "$id" "all namespace types but time"; then
		pid=$(pid_of "$id")
		ns_differ "$pid" pid net mnt ipc uts user cgroup || r=1
	else
		r=1
	fi
	force_delete "$id"
	b=$(mkbundle ns01t '.ociVersion = "1.1.0" | .linux.namespaces += [{type: "time"}]')
	prog "$b" "$WAIT_GO"
	id=$(new_id)
	create "$id" "$b"
	if created_ok "$id" "a time namespace"; then
		pid=$(pid_of "$id")
		ns_differ "$pid" time || r=1
	else
		r=1
	fi
	force_delete "$id"
	b=$(mkbundle ns01x '.linux.namespaces += [{type: "oci-bogus"}]')
	id=$(new_id)
	expect_create_fails "$id" "$b" "namespace type \"oci-bogus\"" || r=1
	return $r
}

row NS-02 MUST "a namespace path must be absolute"
t_NS_02() {
	local b id
	b=$(mkbundle ns02 '.linux.namespaces |= map(select(.type != "network")) + [{type: "network", path: "proc/1/ns/net"}]')
	id=$(new_id)
	cd / || return 1
	expect_create_fails "$id" "$b" "relative namespace path proc/1/ns/net (cwd /)"
	local r=$?
	cd "$T/cwd" || true
	return $r
}

row NS-03 MUST "a namespace with path is joined (ipc, uts, net, mnt, pid)"
t_NS_03() {
	local b id pid r=0 holder ns link
	rm -f "$T/ns03.ready"
	"$CHECKER" nshold "$T/ns03.ready" </dev/null >/dev/null 2>&1 &
	track_pid $!
	wait_until 5 test -s "$T/ns03.ready" || fail "could not make namespaces to join"
	holder=$(cat "$T/ns03.ready")
	track_pid "$holder"
	b=$(mkbundle ns03 'del(.hostname) | .linux.namespaces = [
		{type: "ipc", path: "/proc/\($h)/ns/ipc"}, {type: "uts", path: "/proc/\($h)/ns/uts"},
		{type: "network", path: "/proc/\($h)/ns/net"}, {type: "mount", path: "/proc/\($h)/ns/mnt"},
		{type: "pid", path: "/proc/\($h)/ns/pid"}]' --arg h "$holder")
	prog "$b" "$WAIT_GO"
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" "create joining namespaces" || return 1
	pid=$(pid_of "$id")
	for ns in ipc uts net mnt pid; do
		[ "$(ns_of "$pid" $ns)" = "$(ns_of "$holder" $ns)" ] ||
			{ say "$ns: the container is in $(ns_of "$pid" $ns), not the joined $(ns_of "$holder" $ns)"; r=1; }
	done
	force_delete "$id"
	return $r
}

row NS-04 MUST "a path that is not a namespace of the declared type is an error"
t_NS_04() {
	local b id r=0 t p
	while read -r t p; do
		b=$(mkbundle ns04 '.linux.namespaces |= map(select(.type != $t)) + [{type: $t, path: $p}]' --arg t "$t" --arg p "$p")
		[ "$t" != uts ] || cfg "$b" 'del(.hostname)'
		id=$(new_id)
		expect_create_fails "$id" "$b" "$t namespace at $p" || r=1
	done <<'EOF2'
network /proc/self/ns/uts
ipc /proc/self/ns/net
uts /proc/self/ns/ipc
mount /proc/self/ns/net
pid /proc/self/ns/net
cgroup /proc/self/ns/ipc
network /dev/null
EOF2
	return $r
}

row NS-05 MUST "a namespace without path is created fresh"
t_NS_05() {
	local b id pid
	b=$(mkbundle ns05 '.linux.namespaces += [{type: "cgroup"}]')
	prog "$b" "$WAIT_GO"
	id=$(new_id)
	create "$id" "$b"
	created_ok "$id" create || return 1
	pid=$(pid_of "$id")
	ns_differ "$pid" pid net mnt ipc uts cgroup
}

row NS-06 MUST "types not listed are shared with the runtime (mount included)"
t_NS_06() {
	local b id pid r=0 ns
	b=$(mkbundle ns06 'del(.hostname) | .linux.namespaces = [{type: "mount"}]')
	prog "$b" "$WAIT_GO"
	id=$(new_id)
	create "$id" "$b"
	if created_ok "$id" "only a mount namespace"; then
		pid=$(pid_of "$id")
		for ns in pid net ipc uts cgroup user; do
			[ "$(ns_of "$pid" $ns)" = "$(ns_of $$ $ns)" ] || { say "$ns: a new namespace although none is listed"; r=1; }
		done
	else
		r=1
	fi
	force_delete "$id"
	# no namespace at all: the mounts (only /proc here) land in the runtime's
	# own mount namespace
	b=$(mkbundle ns06n 'del(.hostname) | .linux.namespaces = [] | .mounts = [.mounts[0]]')
	prog "$b" "$WAIT_GO"
	id=$(new_id)
	create "$id" "$b"
	if created_ok "$id" "no namespaces at all"; then
		pid=$(pid_of "$id")
		for ns in pid net ipc uts mnt cgroup user; do
			[ "$(ns_of "$pid" $ns)" = "$(ns_of $$ $ns)" ] || { say "no namespaces listed, but $ns is new"; r=1; }
		done
		force_delete "$id"
		local left
		left=$(host_mounts_under "$b")
		if [ -n "$left" ]; then
			note "without a mount namespace, mounts stay on the host after delete: $(echo $left)"
			for m in $(sort -r <<<"$left"); do umount -l "$m"; done
		fi
	else
		r=1
	fi
	return $r
}

row NS-07 MUST "two entries of one type are an error"
t_NS_07() {
	local b id
	b=$(mkbundle ns07 '.linux.namespaces += [{type: "network"}]')
	id=$(new_id)
	expect_create_fails "$id" "$b" "two network entries"
}
