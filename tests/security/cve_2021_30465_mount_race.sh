#!/bin/bash
# CVE-2021-30465: mount destinations swapped for symlinks while the runtime
# mounts (symlink-exchange race).
#
# The attack: runc resolved a mount destination inside the rootfs
# (securejoin) and then mounted onto the resolved PATH. Between the two, a
# process of another container that shares a volume with the victim
# replaces a directory on that path with a symlink to / (renameat2
# RENAME_EXCHANGE, thousands of times a second); the kernel's mount(2) then
# follows the link and the mount lands outside the rootfs, on the host's
# tree (the published PoC: a volume at /test1, a second volume at
# /test1/mnt1../test1/mnt4 and /test1/zzz, and a racer swapping those
# directories with a link to /; the victim ended with the host's / mounted
# in the container). runc 1.0.0-rc95 fixed it by mounting onto an fd opened
# with the resolution checked, through /proc/self/fd.
#
# What arca does: every destination is resolved with openat2
# RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS, missing components are made one
# at a time in their parent's fd (linux/safepath.c), and the mount is
# attached with move_mount onto that fd (linux/mounts.c, attach): a link
# met on the way resolves inside the rootfs, and a swap after the open
# changes nothing.
#
# The cases: a host directory is a volume of two containers; the racer
# (tests/tools/rename_swap.c, built static) swaps /vol/a (a directory) with
# /vol/a.link (a symlink to /, or to a directory of the host) while the
# victim, whose mounts are the volume at /mnt and eight tmpfs plus a bind of
# a marker directory below /mnt/a, is created again and again. With a mount
# namespace every one of the victim's mounts must be inside its root (its
# init's mountinfo shows all nine) and nothing may be made on the host;
# without one (the mounts are made in the host's namespace) no mount may
# appear on the host outside the victim's rootfs. Two cases repeat the races
# with openat2 refused (ENOSYS, tests/tools/no_openat2.c), against arca's
# userspace resolution (linux/resolve.c).
#
# Shown to fail without the defence: a throwaway build of arca 6f24c73
# outside the repository with safepath.c's RESOLVE_IN_ROOT removed
# (resolution from the rootfs fd that follows absolute links to the host's
# /) failed all three cases within the first rounds: the tmpfs mounts went to
# /arca-sec-<pid>-b<n> on the host (made there; missing from the init's
# mountinfo) and, without a mount namespace, the marker bind was mounted on
# $T/hostdst/zzz on the host. runc 1.1.5 passes (fixed in rc95).
source "$ARCA_TESTS/lib/common.bash"
source "$ARCA_TESTS/security/security.bash"

SWAPPER=$(static_tool rename_swap)
TAG=arca-sec-$$
NMOUNTS=8
ROUNDS=8

# host leftovers a vulnerable runtime may make: dirs in / named $TAG-*, and
# mounts on them; removed before a case reports
clean_host_root() {
	local m
	for m in $(awk -v t="/$TAG-" 'index($5, t) == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
		umount -l "$m" 2>/dev/null || true
	done
	rm -rf --one-file-system /"$TAG"-* 2>/dev/null || true
}

# start_racer VOL TARGET: the racer container, swapping VOL/a and VOL/a.link
# (-> TARGET); prints its id.
start_racer() {
	local vol=$1 target=$2 a=$T/b-racer-$RANDOM aid
	rm -rf "$vol"
	mkdir -p "$vol/a"
	ln -s "$target" "$vol/a.link"
	mkbundle "$a" '.mounts += [{destination: "/vol", type: "bind", source: $v, options: ["rbind"]}]' \
		--arg v "$vol"
	docker_caps "$a"
	cp "$SWAPPER" "$a/rootfs/bin/rename_swap"
	set_args "$a" /bin/rename_swap -t 25 -s /vol/stop /vol/a /vol/a.link
	aid=$(new_id)
	create_ctr "$aid" "$a"
	[ "$RC" = 0 ] || fail "create the racer: $ERR"
	arca start "$aid" >/dev/null 2>&1 || fail "start the racer"
	wait_until 5 grep -q ready "$T/$aid.out" || fail "the racer did not start: $(cat "$T/$aid.out")"
	echo "$aid"
}

stop_racer() { # VOL ID
	touch "$1/stop"
	wait_status "$2" stopped 10
}

# victim_bundle DIR VOL: the volume at /mnt, then mounts below /mnt/a.
victim_bundle() {
	local b=$1 vol=$2 n mounts
	mkdir -p "$T/marker"
	echo marker >"$T/marker/marker"
	mounts=$(jq -nc --arg v "$vol" --arg m "$T/marker" --arg tag "$TAG" --argjson n "$NMOUNTS" '
		[{destination: "/mnt", type: "bind", source: $v, options: ["rbind"]}]
		+ [range(1; $n + 1) | {destination: "/mnt/a/\($tag)-b\(.)", type: "tmpfs", source: "tmpfs"}]
		+ [{destination: "/mnt/a/\($tag)-zzz", type: "bind", source: $m, options: ["rbind"]}]')
	mkbundle "$b" '.mounts += $m' --argjson m "$mounts"
	docker_caps "$b"
	set_args "$b" true
}

# the victim's mounts that its init can see ($TAG-b*, $TAG-zzz)
victim_mounts_seen() {
	awk -v t="$TAG-" 'index($5, t) { n++ } END { print n + 0 }' "/proc/$1/mountinfo"
}

# redirectable: of the mount points on stdin, those a swap could have sent
# one of the victim's mounts to (a name of its mounts, anything below $T,
# the host's /); the mounts other tests running beside this one make are
# none of these.
redirectable() {
	awk -v t="$TAG-" -v d="$T/" 'index($0, t) || index($0, d) == 1 || $0 == "/"'
}

# race VOL TARGET VICTIM NS_MODE: rounds of create/check/delete against the
# racer; NS_MODE own (the victim has a mount namespace) or none. A create
# that fails under the race is no escape (it is noted); at least one must
# succeed for the rounds to have tested something.
race() {
	local vol=$1 target=$2 b=$3 mode=$4 aid id round pid seen outside made created=0 failed=""
	aid=$(start_racer "$vol" "$target")
	for round in $(seq 1 "$ROUNDS"); do
		mount_points >"$T/mounts.before"
		id=$(new_id)
		create_ctr "$id" "$b"
		seen=$((NMOUNTS + 1))
		outside=$(new_mounts_outside "$T/mounts.before" "$b/rootfs" | redirectable)
		if [ "$RC" = 0 ]; then
			created=$((created + 1))
			pid=$(state_field "$id" .pid)
			[ "$mode" != own ] || seen=$(victim_mounts_seen "$pid")
		else
			failed+="round $round: $(tail -1 <<<"$ERR")"$'\n'
		fi
		capture arca delete -f "$id"
		made=$(ls -d /"$TAG"-* "$T/hostdst"/* 2>/dev/null || true)
		if [ "$seen" != $((NMOUNTS + 1)) ] || [ -n "$outside" ] || [ -n "$made" ]; then
			stop_racer "$vol" "$aid"
			clean_host_root
			[ -z "$outside" ] || fail "round $round: mounts outside the rootfs on the host: $outside"
			[ -z "$made" ] || fail "round $round: made on the host: $made"
			fail "round $round: only $seen of $((NMOUNTS + 1)) mounts are inside the container's root"
		fi
	done
	stop_racer "$vol" "$aid"
	_say "racer: $(tail -1 "$T/$aid.out"); $created of $ROUNDS creates succeeded"
	[ -z "$failed" ] || _say "note: creates that failed under the race (no escape): $failed"
	[ "$created" -gt 0 ] || fail "no create succeeded under the race: $failed"
}

# a link to the host's /, with a mount namespace
case_link_to_root() {
	local b=$T/b-root
	victim_bundle "$b" "$T/vol-root"
	race "$T/vol-root" / "$b" own
}

# a link to a directory of the host, with a mount namespace
case_link_to_host_dir() {
	local b=$T/b-hostdir
	mkdir -p "$T/hostdst"
	victim_bundle "$b" "$T/vol-hostdir"
	race "$T/vol-hostdir" "$T/hostdst" "$b" own
}

# without a mount namespace: the victim's mounts are made in the host's
# namespace, so a redirected one would show on the host. TARGET: where the
# link points (default: the host directory, absolute)
case_no_mount_namespace() {
	local b=$T/b-nomnt target=${1:-$T/hostdst}
	mkdir -p "$T/hostdst"
	victim_bundle "$b" "$T/vol-nomnt"
	cfg "$b" 'del(.hostname) | .linux.namespaces = [{type: "pid"}]'
	race "$T/vol-nomnt" "$target" "$b" none
}

# the same races against the userspace fallback (openat2 refused)
case_fallback_link_to_root() {
	without_openat2
	case_link_to_root
}

# (the link climbs with "..": the fallback's own handling of ".." at the root)
case_fallback_no_mount_namespace() {
	without_openat2
	case_no_mount_namespace "../../../../../../../../../../..$T/hostdst"
}

run_case case_link_to_root
run_case case_link_to_host_dir
run_case case_no_mount_namespace
run_case case_fallback_link_to_root
run_case case_fallback_no_mount_namespace
clean_host_root
finish
