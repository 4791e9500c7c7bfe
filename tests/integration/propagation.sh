#!/bin/bash
# Mount propagation: linux.rootfsPropagation (checked the way runtime-tools'
# linux_rootfs_propagation does, from inside, plus what the root receives
# from the host), the propagation options of bind and tmpfs mounts as
# mountinfo shows them, and no container mount ever reaching the host.
# Checklist: PROP-01..PROP-06, MNT-06, LIFE-11.
source "$ARCA_TESTS/lib/common.bash"
command -v capsh >/dev/null || skip "capsh is needed to name the host's capabilities (apt-get install -y libcap2-bin)"

# every capability the shell running arca holds, as a JSON array of names
# (the rootfs checks mount inside: CAP_SYS_ADMIN)
host_caps_json() {
	local bnd
	bnd=$(awk '$1 == "CapBnd:" { print $2 }' /proc/self/status)
	capsh --decode="0x$bnd" | sed 's/^0x[0-9a-f]*=//' | tr ',' '\n' | tr '[:lower:]' '[:upper:]' | jq -Rsc 'split("\n") | map(select(. != ""))'
}

all_caps() { # BUNDLE: give the process every capability the host has
	local c
	c=$(host_caps_json)
	cfg "$1" '.process.capabilities = {bounding: $c, effective: $c, permitted: $c}' --argjson c "$c"
}

# peer_group MOUNTPOINT: the shared:N group of a host mount
peer_group() {
	awk -v mp="$1" '$5 == mp { for (i = 7; $i != "-"; i++) if ($i ~ /^shared:/) { sub(/^shared:/, "", $i); print $i } }' /proc/self/mountinfo
}

# propagation MOUNTINFO MOUNTPOINT: the optional fields of the topmost mount
# there, peer groups normalised: "shared" for a group of the container's own,
# "shared:HOST" for one of the host groups in $HOST_GROUPS (a leak),
# "master:HOST" for a host group, "master" for another; "none" for none.
propagation() {
	awk -v mp="$2" -v hosts=" $HOST_GROUPS " '$5 == mp {
		r = ""
		for (i = 7; $i != "-"; i++) {
			split($i, f, ":")
			v = f[1]
			if (f[2] != "" && index(hosts, " " f[2] " ")) v = v ":HOST"
			r = r (r == "" ? "" : " ") v
		}
		res = (r == "" ? "none" : r)
	} END { print res }' <<<"$1"
}

# host_shared_tree DIR: a shared tmpfs at DIR with a shared submount DIR/sub
host_shared_tree() {
	mkdir -p "$1"
	mount -t tmpfs -o size=1m arca-it-ptop "$1"
	mount --make-shared "$1"
	mkdir "$1/sub"
	mount -t tmpfs -o size=1m arca-it-psub "$1/sub"
}

# MNT-06: each propagation option on an rbind of a shared host tree (which the
# container sees as a slave of the host: master:HOST), alone and after
# rshared (they apply in order), on the top mount and its submount; and on
# new tmpfs mounts and a bind of a plain directory.
case_bind_propagation() {
	local id b=$T/b-bprop mounts
	id=$(new_id)
	host_shared_tree "$T/psrc"
	mkdir -p "$T/plain"
	HOST_GROUPS="$(peer_group "$T/psrc") $(peer_group "$T/psrc/sub")"
	[ -n "$(peer_group "$T/psrc/sub")" ] || fail "test bug: the host submount is not shared"
	local cases=(
		# options                top                    sub
		"shared|               shared master:HOST|     master:HOST"
		"rshared|              shared master:HOST|     shared master:HOST"
		"slave|                master:HOST|            master:HOST"
		"rslave|               master:HOST|            master:HOST"
		"private|              none|                   master:HOST"
		"rprivate|             none|                   none"
		"unbindable|           unbindable|             master:HOST"
		"runbindable|          unbindable|             unbindable"
		"rshared,slave|        master:HOST|            shared master:HOST"
		"rshared,rslave|       master:HOST|            master:HOST"
		"rshared,private|      none|                   shared master:HOST"
		"rshared,unbindable|   unbindable|             shared master:HOST"
		"rprivate,rshared|     shared|                 shared")
	local c opts json='[]' n=0
	for c in "${cases[@]}"; do
		opts=$(cut -d'|' -f1 <<<"$c" | tr -d ' ')
		json=$(jq -c --arg d "/p/$n" --arg s "$T/psrc" --arg o "$opts" \
			'. + [{destination: $d, source: $s, options: (["rbind"] + ($o | split(",")))}]' <<<"$json")
		n=$((n + 1))
	done
	json=$(jq -c --arg t "$T" '. + [
		{destination: "/q/tmpshared", type: "tmpfs", source: "q", options: ["shared"]},
		{destination: "/q/tmprshared", type: "tmpfs", source: "q", options: ["rshared"]},
		{destination: "/q/tmpunbindable", type: "tmpfs", source: "q", options: ["unbindable"]},
		{destination: "/q/tmpprivate", type: "tmpfs", source: "q", options: ["shared", "private"]},
		{destination: "/q/plainshared", source: ($t + "/plain"), options: ["bind", "shared"]},
		{destination: "/q/plainrunbindable", source: ($t + "/plain"), options: ["bind", "runbindable"]},
		{destination: "/q/plain", source: ($t + "/plain"), options: ["bind"]}]' <<<"$json")
	mkbundle "$b" '.mounts += $m' --argjson m "$json"
	set_args "$b" cat /proc/self/mountinfo
	run_ctr "$id" "$b"
	assert_ok "MNT-06: run with propagation options"
	n=0
	local top sub
	for c in "${cases[@]}"; do
		opts=$(cut -d'|' -f1 <<<"$c" | tr -d ' ')
		top=$(cut -d'|' -f2 <<<"$c" | sed 's/^ *//; s/ *$//')
		sub=$(cut -d'|' -f3 <<<"$c" | sed 's/^ *//; s/ *$//')
		assert_eq "$(propagation "$OUT" "/p/$n")" "$top" "MNT-06: rbind,$opts of a shared host tree: the top mount's propagation"
		assert_eq "$(propagation "$OUT" "/p/$n/sub")" "$sub" "MNT-06: rbind,$opts of a shared host tree: the submount's propagation"
		n=$((n + 1))
	done
	assert_eq "$(propagation "$OUT" /q/tmpshared)" shared "MNT-06: tmpfs shared"
	assert_eq "$(propagation "$OUT" /q/tmprshared)" shared "MNT-06: tmpfs rshared"
	assert_eq "$(propagation "$OUT" /q/tmpunbindable)" unbindable "MNT-06: tmpfs unbindable"
	assert_eq "$(propagation "$OUT" /q/tmpprivate)" none "MNT-06: tmpfs shared then private"
	assert_eq "$(propagation "$OUT" /q/plainshared)" shared "MNT-06: bind of a directory, shared"
	assert_eq "$(propagation "$OUT" /q/plainrunbindable)" unbindable "MNT-06: bind of a directory, runbindable"
	assert_eq "$(propagation "$OUT" /q/plain)" none "MNT-06: bind of a (private) directory, no option"
	umount -R -l "$T/psrc"
}

# PROP-06, MNT-06: mounts made inside a container under shared binds of a
# shared host tree (and under the shared copy of the host's submount) stay
# in the container.
case_bind_shared_no_leak() {
	local id b=$T/b-bleak
	id=$(new_id)
	host_shared_tree "$T/lsrc"
	mkdir -p "$T/lsrc/inner" "$T/lsrc/sub/inner"
	mkbundle "$b" '.mounts += [
		{"destination": "/shared", "source": $s, "options": ["rbind", "rshared"]},
		{"destination": "/rw", "source": $s, "options": ["bind"]}]' --arg s "$T/lsrc"
	all_caps "$b"
	sh_args "$b" 'mount -t tmpfs arca-it-leak1 /shared/inner && mount -t tmpfs arca-it-leak2 /shared/sub/inner &&
		mount -t tmpfs arca-it-leak3 /rw/inner && grep -c arca-it-leak /proc/self/mountinfo'
	run_ctr "$id" "$b"
	local leaked
	leaked=$(grep arca-it-leak /proc/self/mountinfo || true)
	umount -R -l "$T/lsrc"
	assert_eq "$leaked" "" "PROP-06: a mount made in the container reached the host"
	assert_ok "PROP-06: mounts inside the container"
	assert_eq "$OUT" 3 "the container made its three mounts"
}

# The rootfsPropagation checks, as runtime-tools makes them: the rootfs of
# the bundle lives under a shared host mount, so anything that propagates
# back is seen on the host.
ROOT_SCRIPT='mkdir -p /target /mnt2
	if mount -o rbind / /target 2>/tmp/rbind.err; then echo rbind-ok; else echo "rbind-failed: $(cat /tmp/rbind.err)"; fi
	mount -t tmpfs arca-it-marker /mnt2 && touch /mnt2/marker || echo mount-failed
	if [ -e /target/mnt2/marker ]; then echo exposed; else echo not-exposed; fi
	echo ---; cat /proc/self/mountinfo'

# rootfs_case VALUE EXPOSED ROOT_PROPAGATION
rootfs_case() {
	local value=$1 want=$2 wantprop=$3 id b=$T/b-root-$1
	id=$(new_id)
	mkbundle "$b"
	all_caps "$b"
	if [ "$value" != absent ]; then cfg "$b" '.linux.rootfsPropagation = $v' --arg v "$value"; fi
	sh_args "$b" "$ROOT_SCRIPT"
	mount --bind "$b" "$b"
	mount --make-shared "$b"
	HOST_GROUPS=$(peer_group "$b")
	run_ctr "$id" "$b"
	local mi rest
	rest=$(sed '/^---$/,$d' <<<"$OUT")
	mi=$(sed '1,/^---$/d' <<<"$OUT")
	local host_left
	host_left=$(grep -E "arca-it-marker| $b/rootfs/" /proc/self/mountinfo || true)
	umount -R -l "$b"
	assert_ok "PROP: run with rootfsPropagation $value"
	assert_not_contains "$rest" mount-failed "the container could not mount (CAP_SYS_ADMIN)"
	case $want in
	exposed | not-exposed)
		assert_contains "$rest" rbind-ok "PROP: rbind / /target with rootfsPropagation $value"
		assert_eq "$(grep -x -e exposed -e not-exposed <<<"$rest")" "$want" "PROP-02..04: rootfsPropagation $value: a new mount under / and the rbind copy"
		;;
	einval)
		assert_contains "$rest" "rbind-failed" "PROP-05: rbind of an unbindable / must fail"
		assert_contains "$rest" "Invalid argument" "PROP-05: with EINVAL"
		;;
	esac
	assert_eq "$(propagation "$mi" /)" "$wantprop" "PROP-02..06: the propagation of / inside with rootfsPropagation $value"
	assert_eq "$host_left" "" "PROP-06: with rootfsPropagation $value a container mount reached the host"
	assert_gone "$id" "$b" "after run"
}

# PROP-02: shared: a new peer group of its own, still a slave of the host.
case_rootfs_shared() { rootfs_case shared exposed "shared master:HOST"; }
# PROP-03: slave of the host.
case_rootfs_slave() { rootfs_case slave not-exposed "master:HOST"; }
# PROP-04: private.
case_rootfs_private() { rootfs_case private not-exposed none; }
# PROP-05: unbindable.
case_rootfs_unbindable() { rootfs_case unbindable einval unbindable; }
# PROP-06: unset: the runtime's default, a slave of the host (like runc).
case_rootfs_default() { rootfs_case absent not-exposed "master:HOST"; }

# PROP-02..PROP-05: what the container's / receives from the host: a mount
# made on the host under the rootfs while the container runs appears inside
# with shared and slave (and the default), not with private or unbindable.
case_rootfs_receives() {
	local b=$T/b-recv v id ids=() want
	mkbundle "$b"
	sh_args "$b" 'i=0; while [ ! -e /tmp/go ] && [ $i -lt 500 ]; do sleep 0.02; i=$((i+1)); done
		if grep -q " /fromhost " /proc/self/mountinfo; then echo received; else echo not-received; fi'
	mkdir -p "$b/rootfs/fromhost"
	mount --bind "$b" "$b"
	mount --make-shared "$b"
	for v in shared slave private unbindable absent; do
		id=$(new_id)
		ids+=("$id")
		if [ "$v" = absent ]; then cfg "$b" 'del(.linux.rootfsPropagation)'
		else cfg "$b" '.linux.rootfsPropagation = $v' --arg v "$v"; fi
		create_ctr "$id" "$b"
		assert_ok "PROP: create with rootfsPropagation $v"
		capture arca start "$id"
		assert_ok "start"
	done
	mount -t tmpfs arca-it-fromhost "$b/rootfs/fromhost"
	touch "$b/rootfs/tmp/go"
	for id in "${ids[@]}"; do wait_status "$id" stopped 15; done
	umount -R -l "$b"
	local i=0
	for v in shared slave private unbindable absent; do
		case $v in shared | slave | absent) want=received ;; *) want=not-received ;; esac
		assert_eq "$(ctr_out "${ids[$i]}")" "$want" "PROP-02..05: rootfsPropagation $v: a host mount under the rootfs"
		i=$((i + 1))
	done
}

# PROP-01, LIFE-11: a value that is not a propagation is refused at create.
case_rootfs_invalid() {
	local id b=$T/b-rinv v
	mkbundle "$b"
	for v in bogus rbind; do
		id=$(new_id)
		cfg "$b" '.linux.rootfsPropagation = $v' --arg v "$v"
		create_ctr "$id" "$b"
		assert_failed "PROP-01: rootfsPropagation \"$v\" must be refused"
		assert_contains "$ERR" "linux.rootfsPropagation" "PROP-01: the error names the field"
		assert_contains "$ERR" "$v" "PROP-01: the error names the value"
		assert_one_line "$ERR" "one error line"
		assert_gone "$id" "$b" "LIFE-11: after a refused rootfsPropagation"
	done
}

run_case case_bind_propagation
run_case case_bind_shared_no_leak
run_case case_rootfs_shared
run_case case_rootfs_slave
run_case case_rootfs_private
run_case case_rootfs_unbindable
run_case case_rootfs_default
run_case case_rootfs_receives
run_case case_rootfs_invalid
finish
