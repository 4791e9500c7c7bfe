#!/bin/bash
# linux.sysctl: namespaced values read back inside and leave the host's as
# they were; keys that would reach the host, or that the kernel refuses,
# fail create with a message naming them and leave nothing.
# Checklist: SYSCTL-01, SYSCTL-02.
source "$ARCA_TESTS/lib/common.bash"

USERNS_MAPS='[{"containerID":0,"hostID":100000,"size":65536}]'
HOST_KEYS="net/ipv4/ip_forward kernel/shmmax kernel/domainname fs/mqueue/msg_max"

host_values() {
	local k
	for k in $HOST_KEYS; do echo "$k=$(cat "/proc/sys/$k")"; done
}

expect_create_failure() { # BUNDLE LABEL NEEDLE...
	local b=$1 label=$2 id n
	shift 2
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_failed "$label: create"
	assert_one_line "$ERR" "$label: stderr"
	for n in "$@"; do assert_contains "$ERR" "$n" "$label: the error must name it"; done
	assert_gone "$id" "$b" "$label"
}

# the values the container must see, different from any host default
SYSCTLS='{"net.ipv4.ip_forward": "1", "kernel.shmmax": "123456789",
	"kernel.domainname": "arca.example", "fs.mqueue.msg_max": "17"}'
READ_BACK='for k in net/ipv4/ip_forward kernel/shmmax kernel/domainname fs/mqueue/msg_max; do
	echo "$k=$(cat /proc/sys/$k)"; done'

# SYSCTL-01: net, ipc and uts sysctls read back inside; the host's values
# are untouched, during and after.
case_sysctl_applied() {
	local id b=$T/b-sysctl before
	id=$(new_id)
	before=$(host_values)
	mkbundle "$b" '.linux.sysctl = $s' --argjson s "$SYSCTLS"
	sh_args "$b" "$READ_BACK"
	run_ctr "$id" "$b"
	assert_ok "run with linux.sysctl"
	assert_contains "$OUT" "net/ipv4/ip_forward=1" "SYSCTL-01: net.ipv4.ip_forward inside"
	assert_contains "$OUT" "kernel/shmmax=123456789" "SYSCTL-01: kernel.shmmax inside"
	assert_contains "$OUT" "kernel/domainname=arca.example" "SYSCTL-01: kernel.domainname inside"
	assert_contains "$OUT" "fs/mqueue/msg_max=17" "SYSCTL-01: fs.mqueue.msg_max inside"
	assert_eq "$(host_values)" "$before" "SYSCTL-01: the host's values after run"

	id=$(new_id)
	set_args "$b" sleep 100
	create_ctr "$id" "$b"
	assert_ok "create with linux.sysctl"
	assert_eq "$(host_values)" "$before" "SYSCTL-01: the host's values while the container lives"
	capture arca delete -f "$id"
	assert_gone "$id" "$b" "after delete"
}

# SYSCTL-01 in a user namespace: the container's root writes its own
# namespaces' values.
case_sysctl_userns() {
	local id b=$T/b-userns before
	id=$(new_id)
	before=$(host_values)
	mkbundle "$b" '.linux.namespaces += [{type: "user"}] | .linux.uidMappings = $m
		| .linux.gidMappings = $m | .linux.sysctl = {"net.ipv4.ip_forward": "1", "kernel.shmmax": "123456789"}' \
		--argjson m "$USERNS_MAPS"
	sh_args "$b" "$READ_BACK"
	run_ctr "$id" "$b"
	assert_ok "run with linux.sysctl in a user namespace"
	assert_contains "$OUT" "net/ipv4/ip_forward=1" "SYSCTL-01: net.ipv4.ip_forward inside a user namespace"
	assert_contains "$OUT" "kernel/shmmax=123456789" "SYSCTL-01: kernel.shmmax inside a user namespace"
	assert_eq "$(host_values)" "$before" "SYSCTL-01: the host's values after run"
	assert_gone "$id" "$b" "after run"
}

# SYSCTL-02: keys that are not namespaced, or whose namespace is the host's,
# are refused before anything is made; so are malformed keys.
case_sysctl_refused() {
	local b=$T/b-refused before
	before=$(host_values)
	mkbundle "$b"
	cfg "$b" '.linux.sysctl = {"vm.swappiness": "10"}'
	expect_create_failure "$b" "SYSCTL-02: a host-wide key" \
		'linux.sysctl: "vm.swappiness" is not namespaced: it would change the host'
	cfg "$b" '.linux.sysctl = {"kernel.pid_max": "4096"}'
	expect_create_failure "$b" "SYSCTL-02: a host-wide kernel key" \
		'linux.sysctl: "kernel.pid_max" is not namespaced: it would change the host'
	cfg "$b" '.linux.sysctl = {"net.ipv4.ip_forward": "1"} | .linux.namespaces |= map(select(.type != "network"))'
	expect_create_failure "$b" "SYSCTL-02: net.* without a network namespace" \
		'linux.sysctl: "net.ipv4.ip_forward" needs a new network namespace'
	cfg "$b" '.linux.namespaces += [{type: "network", path: $p}]' --arg p "/proc/$$/ns/net"
	expect_create_failure "$b" "SYSCTL-02: net.* in the runtime's network namespace, joined" \
		'linux.sysctl: "net.ipv4.ip_forward" needs a network namespace of its own'
	cfg "$b" '.linux.sysctl = {"kernel.shmmax": "1"} | .linux.namespaces |= map(select(.type != "ipc"))'
	expect_create_failure "$b" "SYSCTL-02: an ipc key without an ipc namespace" \
		'linux.sysctl: "kernel.shmmax" needs a new ipc namespace'
	rm -rf "$b"
	mkbundle "$b" '.linux.sysctl = {"kernel.hostname": "x"}'
	expect_create_failure "$b" "SYSCTL-02: kernel.hostname" \
		'linux.sysctl: "kernel.hostname" conflicts with the hostname field'
	cfg "$b" '.linux.sysctl = {"net/ipv4/ip_forward": "1"}'
	expect_create_failure "$b" "SYSCTL-02: a key with slashes" \
		'linux.sysctl: "net/ipv4/ip_forward" is not a valid key'
	cfg "$b" '.linux.sysctl = {"net..ipv4": "1"}'
	expect_create_failure "$b" "SYSCTL-02: a key with an empty component" \
		'linux.sysctl: "net..ipv4" is not a valid key: it has an empty component'
	assert_eq "$(host_values)" "$before" "SYSCTL-02: the host's values after the refusals"
}

# SYSCTL-02: a key the kernel does not have, or a value it refuses, fails
# create (found by the init), naming key and value.
case_sysctl_apply_errors() {
	local b=$T/b-apply
	mkbundle "$b" '.linux.sysctl = {"net.ipv4.no_such_key": "1"}'
	expect_create_failure "$b" "SYSCTL-02: an unknown key" 'linux.sysctl: unknown key "net.ipv4.no_such_key"'
	cfg "$b" '.linux.sysctl = {"net.ipv4.ip_forward": "x"}'
	expect_create_failure "$b" "SYSCTL-02: a value the kernel refuses" \
		'linux.sysctl: write "x" to "net.ipv4.ip_forward": Invalid argument'
}

run_case case_sysctl_applied
run_case case_sysctl_userns
run_case case_sysctl_refused
run_case case_sysctl_apply_errors
finish
