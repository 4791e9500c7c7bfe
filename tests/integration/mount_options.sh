#!/bin/bash
# Mount options as the kernel shows them inside the container: per-mount
# flags (mountinfo field 6) and superblock flags (field 11) of new
# filesystems and of binds, recursive flags, remount, filesystem data
# options, destinations (file or directory, through symlinks), refused
# options.
# Checklist: MNT-02, MNT-06, MNT-07, MNT-08, MNT-10, LIFE-11.
source "$ARCA_TESTS/lib/common.bash"

# mi MOUNTINFO MOUNTPOINT WHAT: of the topmost mount on MOUNTPOINT: WHAT =
# opts (field 6), super (field 11), fstype, source.
mi() {
	awk -v mp="$2" -v what="$3" '$5 == mp {
		for (i = 7; i <= NF; i++) if ($i == "-") break
		if (what == "opts") r = $6
		else if (what == "super") r = $(i + 3)
		else if (what == "fstype") r = $(i + 1)
		else if (what == "source") r = $(i + 2)
	} END { print r }' <<<"$1"
}

# split_out: MI (the mountinfo part, before a line "---") and REST (after).
split_out() {
	MI=$(sed '/^---$/,$d' <<<"$OUT")
	REST=$(sed '1,/^---$/d' <<<"$OUT")
}

# a host tmpfs at DIR with restrictive per-mount flags and a read-only
# mount, but a writable superblock (so a rw bind of it can write)
host_restricted_tmpfs() {
	mkdir -p "$1"
	mount -t tmpfs -o nosuid,nodev,noexec,noatime,nodiratime,nosymfollow,size=1m arca-it-rsrc "$1"
	mount -o remount,bind,ro,nosuid,nodev,noexec,noatime,nodiratime,nosymfollow "$1"
}

# MNT-06, MNT-07: a new tmpfs with each flag, and each flag undone by its
# opposite later in the list (the last one wins), as the kernel prints them.
case_tmpfs_flags() {
	local id b=$T/b-tmpfs mounts
	id=$(new_id)
	mounts=$(jq -nc '[
		{destination: "/t/all", type: "tmpfs", source: "all",
		 options: ["ro", "nosuid", "nodev", "noexec", "noatime", "nodiratime", "nosymfollow", "sync", "dirsync", "lazytime"]},
		{destination: "/t/undone", type: "tmpfs", source: "undone",
		 options: ["ro", "rw", "nosuid", "suid", "nodev", "dev", "noexec", "exec", "noatime", "atime",
		           "nodiratime", "diratime", "nosymfollow", "symfollow", "sync", "async",
		           "lazytime", "nolazytime"]},
		{destination: "/t/strict", type: "tmpfs", source: "strict", options: ["noatime", "strictatime"]},
		{destination: "/t/relatime", type: "tmpfs", source: "relatime", options: ["noatime", "relatime"]},
		{destination: "/t/norelatime", type: "tmpfs", source: "norelatime", options: ["noatime", "norelatime"]},
		{destination: "/t/nostrict", type: "tmpfs", source: "nostrict", options: ["strictatime", "nostrictatime"]},
		{destination: "/t/noatime", type: "tmpfs", source: "noatime", options: ["noatime"]},
		{destination: "/t/plain", type: "tmpfs", source: "plain"},
		{destination: "/t/exec", type: "tmpfs", source: "exec", options: ["nosymfollow", "noexec", "dirsync"]}]')
	mkbundle "$b" '.mounts += $m' --argjson m "$mounts"
	sh_args "$b" 'cat /proc/self/mountinfo; echo ---
		echo x 2>&1 >/t/all/f | sed "s/^/all-write: /"
		echo x >/t/undone/f && echo undone-writable
		cp /bin/busybox /t/exec/busybox && { /t/exec/busybox true 2>/dev/null && echo noexec-ran; }
		cp /bin/busybox /t/undone/busybox && /t/undone/busybox true && echo exec-ran
		echo data >/t/exec/target; ln -s target /t/exec/link; cat /t/exec/link >/dev/null 2>&1 && echo nosymfollow-followed
		echo data >/t/undone/target; ln -s target /t/undone/link; cat /t/undone/link >/dev/null && echo symfollow-followed
		true'
	run_ctr "$id" "$b"
	assert_ok "MNT-06: run with tmpfs flags"
	split_out
	assert_eq "$(mi "$MI" /t/all opts)" "ro,nosuid,nodev,noexec,noatime,nodiratime,nosymfollow" "MNT-06/MNT-07: per-mount flags of /t/all"
	assert_eq "$(mi "$MI" /t/all super)" "rw,sync,dirsync,lazytime" "MNT-06: superblock flags of /t/all (ro is per-mount only)"
	assert_eq "$(mi "$MI" /t/undone opts)" "rw,relatime" "MNT-06/MNT-07: rw suid dev exec atime diratime symfollow undo the flags before them"
	assert_eq "$(mi "$MI" /t/undone super)" "rw" "MNT-06: async and nolazytime undo sync and lazytime"
	assert_eq "$(mi "$MI" /t/strict opts)" "rw" "MNT-06: strictatime after noatime"
	assert_eq "$(mi "$MI" /t/relatime opts)" "rw,relatime" "MNT-06: relatime after noatime"
	assert_eq "$(mi "$MI" /t/norelatime opts)" "rw,relatime" "MNT-06: norelatime after noatime (the kernel default, relatime)"
	assert_eq "$(mi "$MI" /t/nostrict opts)" "rw,relatime" "MNT-06: nostrictatime after strictatime"
	assert_eq "$(mi "$MI" /t/noatime opts)" "rw,noatime" "MNT-06: noatime"
	assert_eq "$(mi "$MI" /t/plain opts)" "rw,relatime" "MNT-06: no options: the kernel default"
	assert_eq "$(mi "$MI" /t/exec opts)" "rw,noexec,relatime,nosymfollow" "MNT-06/MNT-07: noexec, nosymfollow"
	assert_eq "$(mi "$MI" /t/exec super)" "rw,dirsync" "MNT-06: dirsync"
	assert_contains "$REST" "all-write: " "MNT-06: a write to the ro tmpfs must fail"
	assert_contains "$REST" "Read-only file system" "MNT-06: a write to the ro tmpfs fails with EROFS"
	assert_contains "$REST" undone-writable "MNT-06: rw after ro must be writable"
	assert_not_contains "$REST" noexec-ran "MNT-06: a program ran from a noexec mount"
	assert_contains "$REST" exec-ran "MNT-06: exec after noexec must allow programs"
	assert_not_contains "$REST" nosymfollow-followed "MNT-07: a symlink was followed on a nosymfollow mount"
	assert_contains "$REST" symfollow-followed "MNT-07: symfollow after nosymfollow must follow symlinks"
}

# MNT-06, MNT-07: a bind keeps the source mount's flags unless told
# otherwise, and every flag can be set and cleared on it; a read-only bind
# really refuses writes while the source stays writable; sync/dirsync, which
# belong to the shared superblock, do not reach the host's filesystem.
case_bind_flags() {
	local id b=$T/b-bind mounts hostsuper
	id=$(new_id)
	host_restricted_tmpfs "$T/rsrc"
	mkdir -p "$T/plain"
	echo host-content >"$T/plain/existing"
	hostsuper=$(findmnt -no FS-OPTIONS --target "$T/plain")
	mounts=$(jq -nc --arg t "$T" '[
		{destination: "/b/inherit", source: ($t + "/rsrc"), options: ["bind"]},
		{destination: "/b/cleared", type: "none", source: ($t + "/rsrc"),
		 options: ["bind", "rw", "suid", "dev", "exec", "strictatime", "diratime", "symfollow"]},
		{destination: "/b/relatime", type: "bind", source: ($t + "/rsrc"), options: ["rbind", "relatime"]},
		{destination: "/b/atime", source: ($t + "/rsrc"), options: ["bind", "atime", "defaults"]},
		{destination: "/b/plain", type: "none", source: ($t + "/plain"),
		 options: ["bind", "ro", "nosuid", "nodev", "noexec", "noatime", "nodiratime", "nosymfollow", "sync", "dirsync"]},
		{destination: "/b/plainrw", source: ($t + "/plain"), options: ["rbind", "rw", "async"]}]')
	mkbundle "$b" '.mounts += $m' --argjson m "$mounts"
	sh_args "$b" 'cat /proc/self/mountinfo; echo ---
		echo x 2>&1 >/b/plain/new | sed "s/^/plain-write: /"
		echo x 2>&1 >/b/inherit/new | sed "s/^/inherit-write: /"
		echo y >/b/cleared/new && echo cleared-writable
		echo z >/b/plainrw/new2 && echo plainrw-writable
		echo "existing=$(cat /b/plain/existing)"; true'
	run_ctr "$id" "$b"
	assert_ok "MNT-06: run with bind flags"
	split_out
	assert_eq "$(mi "$MI" /b/inherit opts)" "ro,nosuid,nodev,noexec,noatime,nodiratime,nosymfollow" "MNT-06: a bind without flags keeps the source's"
	assert_eq "$(mi "$MI" /b/cleared opts)" "rw" "MNT-06/MNT-07: rw suid dev exec strictatime diratime symfollow clear the source's flags"
	assert_eq "$(mi "$MI" /b/relatime opts)" "ro,nosuid,nodev,noexec,nodiratime,relatime,nosymfollow" "MNT-06: relatime replaces the source's noatime"
	assert_eq "$(mi "$MI" /b/atime opts)" "ro,nosuid,nodev,noexec,nodiratime,relatime,nosymfollow" "MNT-06: atime (the kernel default, relatime) replaces noatime"
	assert_eq "$(mi "$MI" /b/plain opts)" "ro,nosuid,nodev,noexec,noatime,nodiratime,nosymfollow" "MNT-06/MNT-07: every flag on a bind of a plain directory"
	assert_eq "$(mi "$MI" /b/plain super)" "$hostsuper" "MNT-06: sync/dirsync on a bind must not change the host's superblock"
	assert_eq "$(mi "$MI" /b/plainrw opts)" "rw,relatime" "MNT-06: rw bind"
	assert_eq "$(findmnt -no FS-OPTIONS --target "$T/plain")" "$hostsuper" "MNT-06: the host's superblock flags changed"
	assert_contains "$REST" "plain-write: " "MNT-06: a write through the ro bind must fail"
	assert_contains "$REST" "Read-only file system" "MNT-06: the ro bind refuses writes with EROFS"
	assert_contains "$REST" "inherit-write: " "MNT-06: a write through a bind of a ro mount must fail"
	assert_contains "$REST" cleared-writable "MNT-06: a rw bind of a ro mount (writable superblock) must be writable"
	assert_contains "$REST" plainrw-writable "MNT-06: a rw bind must be writable"
	assert_contains "$REST" "existing=host-content" "MNT-06: a ro bind is still readable"
	assert_file_absent "$T/plain/new" "MNT-06: the write through the ro bind reached the host"
	assert_eq "$(cat "$T/plain/new2")" z "MNT-06: the write through the rw bind reached the host"
	assert_eq "$(cat "$T/rsrc/new")" y "MNT-06: the write through the cleared bind reached the host"
	echo host-write >"$T/plain/afterwards" || fail "MNT-06: the ro bind's source is no longer writable on the host"
	umount "$T/rsrc"
}

# MNT-07: a read-only rbind of a directory with a submount: ro makes only the
# top read-only, rro every mount in the tree (mount_setattr AT_RECURSIVE);
# the other recursive flags likewise.
case_recursive_flags() {
	local id b=$T/b-rro mounts
	id=$(new_id)
	mkdir -p "$T/tree/sub"
	mount -t tmpfs -o size=1m arca-it-sub "$T/tree/sub"
	mounts=$(jq -nc --arg t "$T" '[
		{destination: "/ro", source: ($t + "/tree"), options: ["rbind", "ro"]},
		{destination: "/rro", source: ($t + "/tree"), options: ["rbind", "rro"]},
		{destination: "/rflags", source: ($t + "/tree"),
		 options: ["rbind", "rnosuid", "rnodev", "rnoexec", "rnoatime", "rnodiratime", "rnosymfollow"]},
		{destination: "/rclear", source: ($t + "/tree"),
		 options: ["rbind", "rnosuid", "rnodev", "rnoexec", "rnoatime", "rnodiratime", "rnosymfollow", "rro",
		           "rsuid", "rdev", "rexec", "rstrictatime", "rdiratime", "rsymfollow", "rrw"]}]')
	mkbundle "$b" '.mounts += $m' --argjson m "$mounts"
	sh_args "$b" 'cat /proc/self/mountinfo; echo ---
		for d in /ro /ro/sub /rro /rro/sub; do echo x >$d/new 2>/dev/null && echo "writable: $d"; done; true'
	run_ctr "$id" "$b"
	assert_ok "MNT-07: run with recursive flags"
	split_out
	assert_match "$(mi "$MI" /ro opts)" '^ro,' "MNT-06: ro rbind: the top is read-only"
	assert_match "$(mi "$MI" /ro/sub opts)" '^rw,' "MNT-07: ro (not rro) leaves the submount writable"
	assert_match "$(mi "$MI" /rro opts)" '^ro,' "MNT-07: rro: the top is read-only"
	assert_match "$(mi "$MI" /rro/sub opts)" '^ro,' "MNT-07: rro: the submount is read-only"
	assert_contains "$REST" "writable: /ro/sub" "MNT-07: the submount of a ro rbind must stay writable"
	! grep -qx "writable: /ro" <<<"$REST" || fail "MNT-06: the top of a ro rbind accepted a write"
	assert_not_contains "$REST" "writable: /rro" "MNT-07: a mount of an rro tree accepted a write"
	local mp
	for mp in /rflags /rflags/sub; do
		assert_eq "$(mi "$MI" $mp opts)" "rw,nosuid,nodev,noexec,noatime,nodiratime,nosymfollow" "MNT-07: recursive flags on $mp"
	done
	for mp in /rclear /rclear/sub; do
		assert_eq "$(mi "$MI" $mp opts)" "rw" "MNT-07: recursive flags cleared again on $mp"
	done
	assert_file_absent "$T/tree/new" "MNT-06: a write through the ro rbind reached the host"
	assert_file_exists "$T/tree/sub/new" "MNT-07: the write to the ro rbind's submount must reach the host"
	umount "$T/tree/sub"
}

# MNT-06, MNT-10: remount changes the flags of the mount already at the
# destination, and its filesystem's options (size=).
case_remount() {
	local id b=$T/b-remount mounts
	id=$(new_id)
	mkdir -p "$T/plain"
	mounts=$(jq -nc --arg t "$T" '[
		{destination: "/rm", type: "tmpfs", source: "rm", options: ["size=1m", "nosuid"]},
		{destination: "/rm", type: "tmpfs", source: "rm", options: ["remount", "ro", "nosuid", "noexec", "size=2m"]},
		{destination: "/rw", type: "tmpfs", source: "rw", options: ["ro", "size=1m"]},
		{destination: "/rw", type: "tmpfs", source: "rw", options: ["remount", "rw"]},
		{destination: "/rb", type: "none", source: ($t + "/plain"), options: ["bind"]},
		{destination: "/rb", type: "none", source: ($t + "/plain"), options: ["remount", "bind", "ro"]}]')
	mkbundle "$b" '.mounts += $m' --argjson m "$mounts"
	sh_args "$b" 'cat /proc/self/mountinfo; echo ---
		echo "blocks=$(df -k /rm | awk "NR == 2 { print \$2 }")"
		echo x >/rm/f 2>/dev/null && echo rm-writable
		echo x >/rw/f && echo rw-writable
		echo x >/rb/f 2>/dev/null && echo rb-writable; true'
	run_ctr "$id" "$b"
	assert_ok "MNT-06: run with remounts"
	split_out
	assert_eq "$(mi "$MI" /rm opts)" "ro,nosuid,noexec,relatime" "MNT-06: remount ro,nosuid,noexec"
	assert_eq "$(mi "$MI" /rm super)" "rw,size=2048k" "MNT-10: remount passes size=2m to the filesystem"
	assert_contains "$REST" "blocks=2048" "MNT-10: the remounted tmpfs has 2 MiB"
	assert_not_contains "$REST" rm-writable "MNT-06: a mount remounted ro accepted a write"
	assert_match "$(mi "$MI" /rw opts)" '^rw,' "MNT-06: remount rw of a ro tmpfs"
	assert_contains "$REST" rw-writable "MNT-06: a mount remounted rw must be writable"
	assert_match "$(mi "$MI" /rb opts)" '^ro,' "MNT-06: remount ro of a bind"
	assert_not_contains "$REST" rb-writable "MNT-06: a bind remounted ro accepted a write"
	assert_eq "$(awk -v mp="$T/plain" '$5 == mp' /proc/self/mountinfo)" "" "MNT-06: the remount reached the host"
	assert_file_absent "$T/plain/f" "MNT-06: a write through the ro bind reached the host"
}

# MNT-10: filesystem data options reach the kernel.
case_fs_data_options() {
	local id b=$T/b-data
	id=$(new_id)
	mkbundle "$b" '.mounts += [{"destination": "/data", "type": "tmpfs", "source": "data",
		"options": ["nodev", "mode=1750", "size=3m", "uid=1234", "gid=2345", "nr_inodes=100"]}]'
	sh_args "$b" 'cat /proc/self/mountinfo; echo ---; stat -c "stat=%a %u %g" /data
		echo "blocks=$(df -k /data | awk "NR == 2 { print \$2 }")"
		i=0; while [ $i -lt 150 ] && { echo -n >/data/f$i; } 2>/dev/null; do i=$((i+1)); done; echo "files=$i"'
	run_ctr "$id" "$b"
	assert_ok "MNT-10: run with tmpfs data options"
	split_out
	assert_eq "$(mi "$MI" /data super)" "rw,size=3072k,nr_inodes=100,mode=1750,uid=1234,gid=2345" "MNT-10: data options in mountinfo"
	assert_eq "$(mi "$MI" /data opts)" "rw,nodev,relatime" "MNT-06: flags next to data options"
	assert_contains "$REST" "stat=1750 1234 2345" "MNT-10: mode, uid and gid of the tmpfs root"
	assert_contains "$REST" "blocks=3072" "MNT-10: size=3m"
	assert_contains "$REST" "files=99" "MNT-10: nr_inodes=100 (the root takes one)"
}

# MNT-02: a missing destination is made as a file for a bind of a file (or a
# device) and as a directory for a bind of a directory, parents included.
case_bind_destination_type() {
	local id b=$T/b-dest mounts
	id=$(new_id)
	mkdir -p "$T/srcdir"
	echo dir-content >"$T/srcdir/inner"
	echo file-content >"$T/srcfile"
	mounts=$(jq -nc --arg t "$T" '[
		{destination: "/new/f/file.txt", source: ($t + "/srcfile"), options: ["bind", "ro"]},
		{destination: "/new/d/dir", source: ($t + "/srcdir"), options: ["rbind"]},
		{destination: "/new/dev/null", source: "/dev/null", options: ["bind"]},
		{destination: "/etc/passwd", source: ($t + "/srcfile"), options: ["bind"]}]')
	mkbundle "$b" '.mounts += $m' --argjson m "$mounts"
	sh_args "$b" 'for p in /new/f/file.txt /new/d/dir /new/dev/null /etc/passwd; do stat -c "%n: %F" $p; done
		echo "file=$(cat /new/f/file.txt) dir=$(cat /new/d/dir/inner) passwd=$(cat /etc/passwd)"
		echo x >/new/dev/null && echo null-writable'
	run_ctr "$id" "$b"
	assert_ok "MNT-02: run with binds of files and directories"
	assert_contains "$OUT" "/new/f/file.txt: regular file" "MNT-02: a file bind"
	assert_contains "$OUT" "/new/d/dir: directory" "MNT-02: a directory bind"
	assert_contains "$OUT" "/new/dev/null: character special file" "MNT-02: a device bind"
	assert_contains "$OUT" "/etc/passwd: regular file" "MNT-02: a file bind over an existing file"
	assert_contains "$OUT" "file=file-content dir=dir-content passwd=file-content" "MNT-04: bind contents"
	assert_contains "$OUT" null-writable "MNT-04: the bound /dev/null works"
	if [ ! -f "$b/rootfs/new/f/file.txt" ] || [ -s "$b/rootfs/new/f/file.txt" ]; then
		fail "MNT-02: the mount point of a file bind must be an empty regular file"
	fi
	[ -f "$b/rootfs/new/dev/null" ] || fail "MNT-02: the mount point of a device bind must be a regular file"
	[ -d "$b/rootfs/new/d/dir" ] || fail "MNT-02: the mount point of a directory bind must be a directory"
	assert_file_absent "$b/rootfs/new/d/dir/inner" "MNT-02: the directory bind's content was copied into the rootfs"
	assert_gone "$id" "$b" "after run"
}

# MNT-02: destinations through symlinks in the rootfs (absolute, relative
# climbing above /, and as the last component) are resolved inside the
# rootfs: the mount lands there and the host paths they name stay untouched.
case_destination_symlinks() {
	local id b=$T/b-sym mounts d
	id=$(new_id)
	mkdir -p "$T/hostside" "$T/hostrel" "$T/hostlast" "$T/srcdir"
	mounts=$(jq -nc --arg t "$T" '[
		{destination: "/abs/a/mnt", type: "tmpfs", source: "abs"},
		{destination: "/rel/b/mnt", source: ($t + "/srcdir"), options: ["bind"]},
		{destination: "/lastlink", type: "tmpfs", source: "last"}]')
	mkbundle "$b" '.mounts += $m' --argjson m "$mounts"
	ln -s "$T/hostside" "$b/rootfs/abs"
	ln -s "../../../../../../../..$T/hostrel" "$b/rootfs/rel"
	ln -s "$T/hostlast" "$b/rootfs/lastlink"
	sh_args "$b" 'cat /proc/self/mountinfo; echo ---
		echo in >/abs/a/mnt/f && echo abs-ok; echo in >/lastlink/f && echo last-ok'
	run_ctr "$id" "$b"
	assert_ok "MNT-02: run with destinations through symlinks"
	split_out
	assert_eq "$(mi "$MI" "$T/hostside/a/mnt" source)" abs "MNT-02: the mount through an absolute symlink, inside"
	assert_ne "$(mi "$MI" "$T/hostrel/b/mnt" fstype)" "" "MNT-02: the bind through a relative symlink, inside"
	assert_eq "$(mi "$MI" "$T/hostlast" source)" last "MNT-02: the mount on a symlink (last component), inside"
	assert_contains "$REST" abs-ok "the mount through the symlink is usable"
	assert_contains "$REST" last-ok "the mount on the symlink is usable"
	for d in hostside hostrel hostlast; do
		assert_eq "$(ls -A "$T/$d")" "" "MNT-02: the host's $T/$d must stay untouched"
	done
	[ -d "$b/rootfs$T/hostside/a/mnt" ] || fail "MNT-02: the mount point was not made inside the rootfs ($b/rootfs$T/hostside/a/mnt)"
	[ -d "$b/rootfs$T/hostrel/b/mnt" ] || fail "MNT-02: the mount point was not made inside the rootfs ($b/rootfs$T/hostrel/b/mnt)"
	assert_gone "$id" "$b" "after run"
}

# MNT-10, LIFE-11: an option the filesystem refuses fails create with the
# kernel's explanation; nothing is left.
case_refused_fs_option() {
	local id b=$T/b-badopt
	mkbundle "$b"
	id=$(new_id)
	cfg "$b" '.mounts += [{"destination": "/bad", "type": "tmpfs", "source": "bad", "options": ["nosuid", "bogus_opt=1"]}]'
	create_ctr "$id" "$b"
	assert_failed "MNT-10: an unknown tmpfs option must fail create"
	assert_contains "$ERR" "mounts[6]" "MNT-10: the error names the mount"
	assert_contains "$ERR" "/bad" "MNT-10: the error names the destination"
	assert_contains "$ERR" "bogus_opt" "MNT-10: the error names the option"
	assert_contains "$ERR" "Unknown parameter" "MNT-10: the kernel's explanation"
	assert_one_line "$ERR" "one error line"
	assert_gone "$id" "$b" "LIFE-11: after a refused mount option"

	id=$(new_id)
	cfg "$b" '.mounts[6].options = ["size=lots"]'
	create_ctr "$id" "$b"
	assert_failed "MNT-10: a bad size= must fail create"
	assert_contains "$ERR" "Bad value for 'size'" "MNT-10: the kernel's explanation"
	assert_gone "$id" "$b" "LIFE-11: after a bad size="
}

# MNT-06, MNT-08: defaults, silent, loud, iversion, noiversion are accepted
# (no effect to see); mand is handed to the kernel.
case_accepted_options() {
	local id b=$T/b-acc
	id=$(new_id)
	mkbundle "$b" '.mounts += [
		{"destination": "/acc", "type": "tmpfs", "source": "acc",
		 "options": ["defaults", "silent", "loud", "iversion", "noiversion", "mand"]},
		{"destination": "/accb", "type": "none", "source": "/tmp", "options": ["bind", "defaults", "silent", "loud", "iversion", "mand"]}]'
	set_args "$b" cat /proc/self/mountinfo
	run_ctr "$id" "$b"
	assert_ok "MNT-06/MNT-08: defaults silent loud iversion noiversion mand must be accepted"
	assert_eq "$(mi "$OUT" /acc opts)" "rw,relatime" "MNT-06: no per-mount flag from them"
	assert_eq "$(mi "$OUT" /acc super)" "rw,mand" "MNT-08: mand reaches the kernel"
	assert_ne "$(mi "$OUT" /accb fstype)" "" "MNT-06: the bind with them is there"
}

run_case case_tmpfs_flags
run_case case_bind_flags
run_case case_recursive_flags
run_case case_remount
run_case case_fs_data_options
run_case case_bind_destination_type
run_case case_destination_symlinks
run_case case_refused_fs_option
run_case case_accepted_options
finish
