# Section 12: rootfsPropagation (PROP)

_prop_bundle() { # NAME VALUE
	local b
	b=$(mkbundle "$1")
	[ -z "$2" ] || cfg "$b" '.linux.rootfsPropagation = $p' --arg p "$2"
	with_admin_caps "$b"
	mkdir -p "$b/rootfs/oci/hostev"
	ann "$b" pause 1
	echo "$b"
}

# while the checker waits: nothing leaked to the host, then a host mount
# under the rootfs (an event the container may or may not receive)
_prop_pause() {
	local b=$1
	no_leak_line "$b/rootfs"
	[ -n "$SHARED_T" ] && mount -t tmpfs -o size=16k oci-hostev "$b/rootfs/oci/hostev"
}
_prop_after() { umount -l "$1/rootfs/oci/hostev" 2>/dev/null; return 0; }

scen_prop_shared() {
	local b
	b=$(_prop_bundle prop-shared shared)
	inside_run prop-shared "$b"
}
pause_prop_shared() { _prop_pause "$1"; }
after_prop_shared() { _prop_after "$1"; }

scen_prop_slave() {
	local b
	b=$(_prop_bundle prop-slave slave)
	[ -z "$SHARED_T" ] || post "$b" PROP-03 1 "mountpoint /oci/hostev tmpfs"
	inside_run prop-slave "$b"
}
pause_prop_slave() { _prop_pause "$1"; }
after_prop_slave() { _prop_after "$1"; }

scen_prop_private() {
	local b
	b=$(_prop_bundle prop-private private)
	[ -z "$SHARED_T" ] || post "$b" PROP-04 1 "not-mountpoint /oci/hostev"
	inside_run prop-private "$b"
}
pause_prop_private() { _prop_pause "$1"; }
after_prop_private() { _prop_after "$1"; }

scen_prop_unbindable() {
	local b
	b=$(_prop_bundle prop-unbindable unbindable)
	[ -z "$SHARED_T" ] || post "$b" PROP-05 1 "not-mountpoint /oci/hostev"
	inside_run prop-unbindable "$b"
}
pause_prop_unbindable() { _prop_pause "$1"; }
after_prop_unbindable() { _prop_after "$1"; }

scen_prop_unset() {
	local b
	b=$(_prop_bundle prop-unset "")
	check "$b" PROP-06 1 "mount-tmpfs /oci/leak"
	inside_run prop-unset "$b"
}
pause_prop_unset() { _prop_pause "$1"; }
after_prop_unset() { _prop_after "$1"; }

row PROP-01 MUST "rootfsPropagation is shared, slave, private or unbindable; anything else is an error"
t_PROP_01() {
	local b id
	b=$(mkbundle prop01 '.linux.rootfsPropagation = "oci-bogus"')
	id=$(new_id)
	expect_create_fails "$id" "$b" "rootfsPropagation \"oci-bogus\""
}

row PROP-02 MUST* "shared: a peer group of its own; mounts propagate to bind copies, not to the host"
t_PROP_02() { inside_all PROP-02 prop-shared && inside prop-shared PROP-06; }

row PROP-03 MUST* "slave: receives host mount events, sends none"
t_PROP_03() { inside_all PROP-03 prop-slave && inside prop-slave PROP-06; }

row PROP-04 MUST* "private: no mount events either way"
t_PROP_04() { inside_all PROP-04 prop-private && inside prop-private PROP-06; }

row PROP-05 MUST* "unbindable: private and / cannot be bind-mounted"
t_PROP_05() { inside_all PROP-05 prop-unbindable && inside prop-unbindable PROP-06; }

row PROP-06 impl "container mounts never reach the host (whatever rootfsPropagation says, unset included)"
t_PROP_06() {
	local r=0
	inside base PROP-06 || r=1
	inside mounts PROP-06 || r=1
	inside prop-unset PROP-06 || r=1
	return $r
}
