# Shared helpers of the security tests (tests/security/<name>.sh), sourced
# after tests/lib/common.bash. Not a test itself (CTest globs *.sh only).
#
# Each security test performs one attack class against the runtime in $ARCA
# and checks that the host is untouched. Point ARCA at another runtime with a
# runc-compatible command line (ARCA=/usr/sbin/runc bash tests/security/X.sh)
# to see the attack against it.

# The capabilities docker gives a container: what a realistic attacker holds.
# No CAP_SYS_PTRACE, CAP_SYS_ADMIN or CAP_DAC_READ_SEARCH.
DOCKER_CAPS='["CAP_CHOWN","CAP_DAC_OVERRIDE","CAP_FSETID","CAP_FOWNER","CAP_MKNOD",
	"CAP_NET_RAW","CAP_SETGID","CAP_SETUID","CAP_SETFCAP","CAP_SETPCAP",
	"CAP_NET_BIND_SERVICE","CAP_SYS_CHROOT","CAP_KILL","CAP_AUDIT_WRITE"]'

# runc's (and docker's) default masked and read-only paths.
DEFAULT_MASKED='["/proc/acpi","/proc/asound","/proc/kcore","/proc/keys",
	"/proc/latency_stats","/proc/timer_list","/proc/timer_stats","/proc/sched_debug",
	"/proc/scsi","/sys/firmware"]'
DEFAULT_READONLY='["/proc/bus","/proc/fs","/proc/irq","/proc/sys","/proc/sysrq-trigger"]'

# docker_caps DIR: the container gets docker's capability set (bounding,
# effective, permitted; no inheritable, no ambient).
docker_caps() {
	cfg "$1" '.process.capabilities = {bounding: $c, effective: $c, permitted: $c}' \
		--argjson c "$DOCKER_CAPS"
}

# default_protections DIR: runc's default maskedPaths and readonlyPaths.
default_protections() {
	cfg "$1" '.linux.maskedPaths = $m | .linux.readonlyPaths = $r' \
		--argjson m "$DEFAULT_MASKED" --argjson r "$DEFAULT_READONLY"
}

# static_tool NAME: tests/tools/NAME.c built static into $T/tools/NAME (a
# helper that runs inside the busybox rootfs, which has no libc); prints
# the path. Skips the file when no static libc is installed.
static_tool() {
	local name=$1 out=$T/tools/$1
	if [ ! -x "$out" ]; then
		command -v cc >/dev/null || skip "no C compiler to build the static helper $name"
		mkdir -p "$T/tools"
		cc -static -O2 -D_GNU_SOURCE -Wall -Wextra -Werror -o "$out" \
			"$ARCA_TESTS/tools/$name.c" 2>"$T/tools/$name.log" ||
			skip "cannot build the static helper $name (libc6-dev's libc.a?): $(head -3 "$T/tools/$name.log")"
	fi
	echo "$out"
}

# mount_points: every mount point of the host's mount namespace, sorted.
mount_points() {
	awk '{ print $5 }' /proc/self/mountinfo | sort
}

# new_mounts_outside BEFORE ALLOWED...: mount points that appeared since the
# snapshot BEFORE (a file from mount_points) and lie outside every ALLOWED
# directory (a container's rootfs, whose mounts are its own).
new_mounts_outside() {
	local before=$1
	shift
	local m a ok
	while IFS= read -r m; do
		ok=false
		for a in "$@"; do
			case $m/ in "$a"/*) ok=true ;; esac
		done
		$ok || echo "$m"
	done < <(comm -13 "$before" <(mount_points))
	return 0
}

# tree_digest DIR: one line per entry below DIR (type, mode, size, content
# hash, link target): compare two digests to see that nothing changed.
tree_digest() {
	(cd "$1" && find . -mindepth 1 -printf '%y %m %s %p -> %l\n' | sort &&
		find . -type f -exec sha256sum {} + | sort -k 2)
}

# procfs_check: a shell fragment for the container. For every procfs that
# the container can see (in the mountinfo of the procfs at each of the given
# candidate directories), it prints "UNPROTECTED <mount point> <why>" when
# the protections that maskedPaths and readonlyPaths ask for are missing
# there: sys/kernel/core_pattern opens for writing (nothing is written), or
# kcore, keys or timer_list (when the kernel has them) is not the masked
# null device. Prints "procfs-seen <mount point>"
# for each procfs it checked.
PROCFS_CHECK='
check_procfs() {
	for mi in "$@"; do
		[ -r "$mi/self/mountinfo" ] || continue
		awk '"'"'{ for (i = 7; i <= NF; i++) if ($i == "-") break;
			if ($(i + 1) == "proc") print $5 }'"'"' "$mi/self/mountinfo"
	done | sort -u | while read -r p; do
		echo "procfs-seen $p"
		if [ -e "$p/sys/kernel/core_pattern" ] && (: >>"$p/sys/kernel/core_pattern") 2>/dev/null; then
			echo "UNPROTECTED $p sys/kernel/core_pattern is writable"
		fi
		for f in kcore keys timer_list; do
			if [ -e "$p/$f" ] && [ "$(stat -c %t:%T "$p/$f")" != 1:3 ]; then
				echo "UNPROTECTED $p $f is not masked"
			fi
		done
	done
}'

# runtime_is_arca: the runtime under test is arca (not runc pointed to by
# ARCA for a comparison).
runtime_is_arca() {
	"$ARCA" --version 2>/dev/null | grep -qi '^arca'
}

# without_openat2: for the rest of the current case (run_case runs it in a
# subshell), the runtime runs on a "kernel" whose openat2 fails with ENOSYS
# (tests/tools/no_openat2.c), so that its userspace fallback resolves the
# paths inside the rootfs.
without_openat2() {
	local tool real=$ARCA
	tool=$(static_tool no_openat2)
	printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$tool" "$real" >"$T/arca-no-openat2"
	chmod 755 "$T/arca-no-openat2"
	ARCA=$T/arca-no-openat2
}
