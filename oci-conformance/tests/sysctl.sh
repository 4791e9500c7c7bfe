# Section 8: sysctl (SYSCTL)

SYSCTL_KEYS="net/ipv4/ip_forward kernel/shmmax fs/mqueue/msg_max kernel/msgmax"

scen_sysctl() {
	local b k
	b=$(mkbundle sysctl '.linux.sysctl = {"net.ipv4.ip_forward": "1", "kernel.shmmax": "12345678",
		"fs.mqueue.msg_max": "42", "kernel.msgmax": "9000"}')
	for k in $SYSCTL_KEYS; do echo "$k $(cat "/proc/sys/$k")"; done >"$T/sysctl.host"
	inside_run sysctl "$b"
}
after_sysctl() {
	local k v
	while read -r k v; do
		if [ "$(cat "/proc/sys/$k")" = "$v" ]; then
			echo "ok SYSCTL-01 - the host's $k is untouched ($v)"
		else
			echo "not ok SYSCTL-01 - the host's $k changed from $v to $(cat "/proc/sys/$k")"
		fi
	done <"$T/sysctl.host"
}

row SYSCTL-01 MUST* "sysctls are set inside the container's namespaces (read back inside, host untouched)"
t_SYSCTL_01() { inside sysctl SYSCTL-01; }

row SYSCTL-02 "MUST/impl" "a sysctl that cannot be applied is an error (unknown key; host-global keys refused)"
t_SYSCTL_02() {
	local b id r=0 v
	b=$(mkbundle sysctl02 '.linux.sysctl = {"net.ipv4.oci_conformance_bogus": "1"}')
	id=$(new_id)
	expect_create_fails "$id" "$b" "unknown key net.ipv4.oci_conformance_bogus" || r=1
	# host-global, or in a namespace the container shares: written with the
	# host's current value, so accepting it changes nothing
	v=$(cat /proc/sys/vm/swappiness)
	b=$(mkbundle sysctl02g '.linux.sysctl = {"vm.swappiness": $v}' --arg v "$v")
	id=$(new_id)
	create "$id" "$b"
	if [ "$RC" = 0 ]; then
		note "the host-global key vm.swappiness is accepted"
		force_delete "$id"
	else
		no_trace "$id" "$b" || r=1
	fi
	v=$(cat /proc/sys/net/ipv4/ip_forward)
	b=$(mkbundle sysctl02n '.linux.namespaces |= map(select(.type != "network")) | .linux.sysctl = {"net.ipv4.ip_forward": $v}' --arg v "$v")
	id=$(new_id)
	create "$id" "$b"
	if [ "$RC" = 0 ]; then
		note "net.ipv4.ip_forward is accepted without a network namespace (it would be the host's)"
		force_delete "$id"
	else
		no_trace "$id" "$b" || r=1
	fi
	return $r
}
