# Section 4b: mounts (MNT)

# a bind source dir with a marker, and one with a host-side submount (for
# rbind): BUNDLE/bsrc, BUNDLE/rsrc/sub
_bind_sources() {
	local b=$1
	mkdir -p "$b/bsrc" "$b/rsrc/sub"
	echo bind-source >"$b/bsrc/marker"
	echo rsrc >"$b/rsrc/marker"
	mount -t tmpfs -o size=64k oci-sub "$b/rsrc/sub" && echo sub >"$b/rsrc/sub/submarker"
}
_unmount_sources() { umount -l "$1/rsrc/sub" 2>/dev/null; return 0; }

scen_mounts() {
	local b
	b=$(mkbundle mounts)
	_bind_sources "$b"
	cfg "$b" '.mounts += [
	  {destination: "/oci/m/ro", type: "tmpfs", source: "oci-ro", options: ["ro", "nosuid", "nodev", "noexec"]},
	  {destination: "/oci/m/rw", type: "tmpfs", source: "oci-rw", options: ["rw", "suid", "dev", "exec", "noatime", "nodiratime"]},
	  {destination: "/oci/m/strict", type: "tmpfs", source: "oci-strict", options: ["strictatime"]},
	  {destination: "/oci/m/rel", type: "tmpfs", source: "oci-rel", options: ["relatime", "diratime"]},
	  {destination: "/oci/m/sync", type: "tmpfs", source: "oci-sync", options: ["sync", "dirsync", "lazytime"]},
	  {destination: "/oci/m/data", type: "tmpfs", source: "oci-data", options: ["mode=0710", "size=2m", "uid=123", "gid=45"]},
	  {destination: "/oci/m/shared", type: "tmpfs", source: "tmpfs", options: ["shared"]},
	  {destination: "/oci/m/slave", type: "tmpfs", source: "tmpfs", options: ["slave"]},
	  {destination: "/oci/m/private", type: "tmpfs", source: "tmpfs", options: ["private"]},
	  {destination: "/oci/m/unbindable", type: "tmpfs", source: "tmpfs", options: ["unbindable"]},
	  {destination: "/oci/b/bind-ro", type: "none", source: "bsrc", options: ["bind", "ro", "nosuid"]},
	  {destination: "/oci/b/rbind", source: ($b + "/rsrc"), options: ["rbind", "rprivate"]},
	  {destination: "/oci/b/plain", type: "bind", source: "rsrc", options: ["bind", "rslave"]},
	  {destination: "/oci/b/typed", type: "tmpfs", source: "bsrc", options: ["rbind", "rshared"]},
	  {destination: "/oci/b/file.txt", type: "none", source: "bsrc/marker", options: ["bind", "runbindable"]},
	  {destination: "/oci/new/deep/dir", type: "tmpfs", source: "oci-deep"},
	  {destination: "/oci/cover", type: "tmpfs", source: "oci-cover1", options: ["size=1m"]},
	  {destination: "/oci/cover", type: "tmpfs", source: "oci-cover2", options: ["size=2m"]},
	  {destination: "/oci/nest", type: "tmpfs", source: "oci-nest"},
	  {destination: "/oci/nest/inner", type: "none", source: "bsrc", options: ["bind"]}
	]' --arg b "$b"
	check "$b" MNT-04 1 "content /oci/b/typed/marker bind-source"
	check "$b" MNT-04 2 "mountpoint /oci/b/rbind/sub tmpfs"
	check "$b" MNT-04 3 "content /oci/b/rbind/sub/submarker sub"
	check "$b" MNT-04 4 "not-mountpoint /oci/b/plain/sub"
	check "$b" MNT-02 1 "type /oci/b/file.txt file"
	check "$b" MNT-02 2 "content /oci/b/file.txt bind-source"
	check "$b" MNT-02 3 "mountpoint /oci/new/deep/dir tmpfs"
	check "$b" MNT-01 1 "superopt /oci/cover size=2048k"
	check "$b" MNT-01 2 "content /oci/nest/inner/marker bind-source"
	check "$b" MNT-06 1 "readonly /oci/b/bind-ro"
	check "$b" MNT-06 2 "readonly /oci/m/ro"
	check "$b" MNT-06 3 "writable /oci/m/rw"
	ann "$b" pause 1
	inside_run mounts "$b"
}
pause_mounts() {
	local b=$1
	no_leak_line "$b/rootfs"
	if touch "$b/bsrc/host-write" 2>/dev/null; then
		echo "ok MNT-06 - a read-only bind leaves its source writable on the host"
	else
		echo "not ok MNT-06 - the read-only bind made its source $b/bsrc read-only on the host"
	fi
}
after_mounts() { _unmount_sources "$1"; }

row MNT-01 MUST "mounts are made in array order (later ones cover earlier ones)"
t_MNT_01() { inside_all MNT-01 base mounts; }

row MNT-02 "SHOULD/MUST/impl" "destinations: missing mount points made (dir or file), resolved inside the rootfs; relative = from /"
t_MNT_02() {
	local r=0
	inside mounts MNT-02 || r=1
	inside mnt-escape MNT-02 || r=1
	inside mnt-dangling MNT-02 || r=1
	inside mnt-rel MNT-02 soft || r=1
	return $r
}

scen_mnt_escape() {
	local b
	mkdir -p "$T/outside"
	b=$(mkbundle mnt-escape '.mounts += [{destination: "/oci/escape/x", type: "tmpfs", source: "oci-escape"}]')
	# an absolute symlink whose target exists both inside the rootfs and on
	# the host: followed inside the rootfs, as the container would see it
	mkdir -p "$b/rootfs/oci" "$b/rootfs$T/outside"
	ln -s "$T/outside" "$b/rootfs/oci/escape"
	check "$b" MNT-02 1 "mountpoint /oci/escape/x tmpfs"
	ann "$b" pause 1
	inside_run mnt-escape "$b"
}
pause_mnt_escape() {
	if [ -e "$T/outside/x" ] || [ -n "$(host_mounts_under "$T/outside")" ]; then
		echo "not ok MNT-02 - the mount followed the rootfs symlink /oci/escape out to the host's $T/outside"
	else
		echo "ok MNT-02 - a symlink in a destination is resolved inside the rootfs"
	fi
}

# a dangling absolute symlink: its target is made inside the rootfs, never on
# the host (where it exists)
scen_mnt_dangling() {
	local b
	mkdir -p "$T/outside2"
	b=$(mkbundle mnt-dangling '.mounts += [{destination: "/oci/dangling/x", type: "tmpfs", source: "oci-dangling"}]')
	mkdir -p "$b/rootfs/oci"
	ln -s "$T/outside2" "$b/rootfs/oci/dangling"
	check "$b" MNT-02 1 "mountpoint /oci/dangling/x tmpfs"
	ann "$b" pause 1
	inside_run mnt-dangling "$b"
}
pause_mnt_dangling() {
	if [ -e "$T/outside2/x" ] || [ -n "$(host_mounts_under "$T/outside2")" ]; then
		echo "not ok MNT-02 - the mount followed the dangling rootfs symlink /oci/dangling out to the host's $T/outside2"
	else
		echo "ok MNT-02 - a dangling symlink in a destination is resolved inside the rootfs"
	fi
}

scen_mnt_rel() {
	local b
	b=$(mkbundle mnt-rel '.mounts += [{destination: "oci/rel", type: "tmpfs", source: "oci-rel"}]')
	check "$b" MNT-02 1 "mountpoint /oci/rel tmpfs"
	inside_run mnt-rel "$b"
}

row MNT-03 MUST* "source is the mount's source (bind sources absolute or relative to the bundle)"
t_MNT_03() { inside_all MNT-03 base mounts; }

row MNT-04 MUST* "bind or rbind in options makes a bind mount (rbind recursive); type is then a dummy"
t_MNT_04() { inside mounts MNT-04; }

row MNT-05 MUST* "type is the filesystem type"
t_MNT_05() { inside_all MNT-05 base mounts; }

row MNT-06 MUST "the spec's MUST options act as in mount(8) (flags, atime, propagation, ro binds, remount)"
t_MNT_06() { inside_all MNT-06 base mounts mnt-opts mnt-remount; }

# the remaining MUST options, each on a mount of its own
scen_mnt_opts() {
	local b
	b=$(mkbundle mnt-opts '.mounts += [
	  {destination: "/oci/o/defaults", type: "tmpfs", source: "oci-defaults", options: ["nosuid", "defaults"]},
	  {destination: "/oci/o/async", type: "tmpfs", source: "oci-async", options: ["sync", "async"]},
	  {destination: "/oci/o/nolazytime", type: "tmpfs", source: "oci-nolazy", options: ["lazytime", "nolazytime"]},
	  {destination: "/oci/o/atime", type: "tmpfs", source: "oci-atime", options: ["noatime", "atime"]},
	  {destination: "/oci/o/iversion", type: "tmpfs", source: "oci-iversion", options: ["iversion"]},
	  {destination: "/oci/o/noiversion", type: "tmpfs", source: "oci-noiversion", options: ["noiversion"]},
	  {destination: "/oci/o/loud", type: "tmpfs", source: "oci-loud", options: ["silent", "loud"]},
	  {destination: "/oci/o/nostrictatime", type: "tmpfs", source: "oci-nostrict", options: ["strictatime", "nostrictatime"]},
	  {destination: "/oci/o/norelatime", type: "tmpfs", source: "oci-norel", options: ["norelatime"]}]')
	check "$b" MNT-06 1 "writable /oci/o/defaults"
	inside_run mnt-opts "$b"
}

scen_mnt_remount() {
	local b
	b=$(mkbundle mnt-remount '.mounts += [
	  {destination: "/oci/rm", type: "tmpfs", source: "oci-rm", options: ["rw"]},
	  {destination: "/oci/rm", type: "tmpfs", source: "oci-rm", options: ["remount", "ro", "nosuid"]}]')
	inside_run mnt-remount "$b"
}

row MNT-07 SHOULD "nosymfollow, symfollow and the recursive r* options"
t_MNT_07() { inside mnt-should MNT-07 soft; }

scen_mnt_should() {
	local b
	b=$(mkbundle mnt-should '.ociVersion = "1.1.0" | .mounts += [
	  {destination: "/oci/r/rro", source: "rsrc", options: ["rbind", "rro", "rnosuid", "rnodev", "rnoexec", "rnoatime", "rnodiratime"]},
	  {destination: "/oci/r/nosym", type: "tmpfs", source: "oci-nosym", options: ["nosymfollow"]},
	  {destination: "/oci/r/rnosym", source: "rsrc", options: ["rbind", "rnosymfollow", "rrelatime"]},
	  {destination: "/oci/r/sym", type: "tmpfs", source: "oci-sym", options: ["nosymfollow", "symfollow"]},
	  {destination: "/oci/r/rrw", source: "rsrc",
	   options: ["rbind", "rro", "rrw", "rsuid", "rdev", "rexec", "ratime", "rdiratime", "rsymfollow", "rstrictatime", "rnostrictatime", "rnorelatime"]}]')
	_bind_sources "$b"
	inside_run mnt-should "$b"
}
after_mnt_should() { _unmount_sources "$1"; }

row MNT-08 MAY "mand, nomand, tmpcopyup"
t_MNT_08() {
	local r=0
	inside mnt-copyup MNT-08 soft || r=1
	inside mnt-mand MNT-08 soft || r=1
	return $r
}

scen_mnt_copyup() {
	local b
	b=$(mkbundle mnt-copyup '.mounts += [{destination: "/oci/copyup", type: "tmpfs", source: "oci-copyup", options: ["tmpcopyup"]}]')
	mkdir -p "$b/rootfs/oci/copyup/sub"
	echo copyup-content >"$b/rootfs/oci/copyup/sub/file"
	check "$b" MNT-08 1 "mountpoint /oci/copyup tmpfs"
	check "$b" MNT-08 2 "content /oci/copyup/sub/file copyup-content"
	inside_run mnt-copyup "$b"
}

scen_mnt_mand() {
	local b
	b=$(mkbundle mnt-mand '.mounts += [
	  {destination: "/oci/mand", type: "tmpfs", source: "oci-mand", options: ["mand"]},
	  {destination: "/oci/nomand", type: "tmpfs", source: "oci-nomand", options: ["nomand"]}]')
	inside_run mnt-mand "$b"
}

row MNT-09 "MAY/SHOULD" "custom option strings; those mount(8) knows (nofail, noauto, x-*) act as in mount(8)"
t_MNT_09() { inside mnt-custom MNT-09 soft; }

scen_mnt_custom() {
	local b
	b=$(mkbundle mnt-custom '.mounts += [{destination: "/oci/custom", type: "tmpfs", source: "oci-custom",
	  options: ["nofail", "noauto", "auto", "nouser", "_netdev", "x-oci-conformance.custom=1"]}]')
	check "$b" MNT-09 1 "mountpoint /oci/custom tmpfs"
	inside_run mnt-custom "$b"
}

row MNT-10 SHOULD "other options are passed to the filesystem as data (mode=, size=, uid=, gid=, ptmxmode=)"
t_MNT_10() { inside_all MNT-10 base mounts; }

row MNT-11 "SHOULD/MUST" "idmap/ridmap: the mount gets the id-mapping; without mappings or user namespace it is an error"
t_MNT_11() {
	local b id r=0
	inside mnt-idmap MNT-11 soft || r=1
	_idmap_source "$T/idmap-nomap"
	b=$(mkbundle mnt11 '.ociVersion = "1.2.0" | .mounts += [{destination: "/oci/idmap", type: "bind", source: $s, options: ["bind", "idmap"]}]' \
		--arg s "$T/idmap-nomap")
	id=$(new_id)
	expect_create_fails "$id" "$b" "idmap without mappings and without a user namespace" || r=1
	return $r
}

_idmap_source() {
	mkdir -p "$1"
	echo root >"$1/root-owned"
	echo user >"$1/u1000"
	chown 1000:1000 "$1/u1000"
}

scen_mnt_idmap() {
	local b
	_idmap_source "$T/idmap-src"
	b=$(mkbundle mnt-idmap '.ociVersion = "1.2.0" | .mounts += [{destination: "/oci/idmap", type: "bind", source: $s,
	  options: ["bind", "idmap"], uidMappings: [{containerID: 0, hostID: 100000, size: 65536}],
	  gidMappings: [{containerID: 0, hostID: 100000, size: 65536}]}]' --arg s "$T/idmap-src")
	check "$b" MNT-11 1 "owner /oci/idmap/root-owned 100000:100000"
	check "$b" MNT-11 2 "owner /oci/idmap/u1000 101000:101000"
	inside_run mnt-idmap "$b"
}

row MNT-12 "MUST/SHOULD" "mount uidMappings and gidMappings come as a pair"
t_MNT_12() {
	local b id r=0 which
	_idmap_source "$T/idmap-pair"
	for which in uidMappings gidMappings; do
		b=$(mkbundle mnt12 '.ociVersion = "1.2.0" | .mounts += [{destination: "/oci/idmap", type: "bind", source: $s,
		  options: ["bind", "idmap"]} + {($w): [{containerID: 0, hostID: 100000, size: 65536}]}]' \
			--arg s "$T/idmap-pair" --arg w "$which")
		id=$(new_id)
		expect_create_fails "$id" "$b" "a mount with $which only" || r=1
	done
	return $r
}

row MNT-13 SHOULD "/proc, /sys, /dev/pts and /dev/shm exist"
t_MNT_13() {
	local r=0
	inside base MNT-13 || r=1
	inside nomounts MNT-13 soft || r=1
	return $r
}

scen_nomounts() {
	local b
	b=$(mkbundle nomounts '.mounts = []')
	inside_run nomounts "$b"
}
