#!/bin/bash
# CVE-2019-5736: the host runtime binary overwritten from inside a container
# through /proc/self/exe.
#
# The attack: the container's program (process.args[0], or the program an
# `exec` runs) is a script whose first line is `#!/proc/self/exe`. The
# runtime's init execs it; the kernel opens the interpreter /proc/self/exe
# while "self" is still the init, a copy of the runtime, so it runs the
# RUNTIME's binary as the container's program. A second process of the
# container that shares the pid namespace sees that process, opens
# /proc/<pid>/exe (an O_PATH fd keeps the host file), waits until the file is
# no longer being executed (ETXTBSY), reopens it for writing through
# /proc/self/fd/N and overwrites the host's runtime: the next `create` on the
# host runs the attacker's code as root. runc fixed it by re-executing itself
# from a sealed memfd copy (1.0.0-rc7 and later), so the only binary a
# container can reach is one that cannot be written.
#
# What arca does: create, run and exec re-execute themselves from a sealed
# memfd copy of the binary before anything else (util/protect.c; skipped
# when the binary is already sealed or on a read-only mount), so every
# process a container can reach has an exe that cannot be written; the init
# and exec's child are not dumpable until execve on top (process/init.c).
#
# The cases run a COPY of the arca binary ($T/rt/arca) as the runtime, so a
# successful attack only destroys the copy; the test compares its hash. The
# attacker is tests/tools/exe_overwrite.c, built static. The image has the
# runtime's shared libraries, as a real image with a libc has them (without
# them the kernel cannot run the runtime's binary there), and an
# /etc/ld.so.preload with a library (exe_overwrite.c built with
# -DEXE_OVERWRITE_HOLD) that keeps the runtime's binary running for a
# second: the original exploit ran its own code inside runc the same way,
# through a library of the image, and the grabber then never misses it.
#
# Shown to fail without the defence: run against arca before the defence
# landed (commit 6ea82aa), case_create_start reported
#     grabbed pid=2 exe=/tmp/arca-it-.../rt/arca   write-open: ok   wrote 47 bytes
# and "the host runtime binary was overwritten". runc 1.1.5 (memfd clone)
# passes it: the exe it grabs is "/memfd:runc_cloned:/proc/self/exe (deleted)"
# and the write open fails with EPERM (the memfd is sealed).
source "$ARCA_TESTS/lib/common.bash"
source "$ARCA_TESTS/security/security.bash"

GRABBER=$(static_tool exe_overwrite)
# the library the image preloads into the runtime's binary (it pauses it)
HOLD=$T/tools/hold.so
cc -shared -fPIC -O2 -D_GNU_SOURCE -DEXE_OVERWRITE_HOLD -o "$HOLD" \
	"$ARCA_TESTS/tools/exe_overwrite.c" 2>"$T/tools/hold.log" ||
	skip "cannot build the preload library: $(head -3 "$T/tools/hold.log")"

# The runtime under attack: a copy, run with this test's state root; each
# case starts with a fresh one.
RT=$T/rt/$(basename "$ARCA")
RT_SUM=$(sha256sum <"$ARCA")
fresh_runtime() {
	mkdir -p "$T/rt"
	rm -f "$RT"
	cp "$ARCA" "$RT"
}

rt() {
	timeout -k 5 "$ARCA_CMD_TIMEOUT" "$RT" --root "$T/state" "$@"
}

# with_runtime_libs ROOTFS: the runtime's shared libraries (and its ELF
# interpreter) at their host paths inside ROOTFS, and the image's preload.
with_runtime_libs() {
	local root=$1 lib
	for lib in $(ldd "$ARCA" 2>/dev/null | grep -o '/[^ ]*'); do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
	cp "$HOLD" "$root/lib/arca-sec-hold.so"
	echo /lib/arca-sec-hold.so >"$root/etc/ld.so.preload"
}

# attacker_bundle DIR: a container whose program is the grabber; it owns the
# pid namespace that the victim joins.
attacker_bundle() {
	mkbundle "$1"
	docker_caps "$1"
	cp "$GRABBER" "$1/rootfs/bin/exe_overwrite"
	set_args "$1" /bin/exe_overwrite -t 12
}

# evil_script ROOTFS PATH: the #!/proc/self/exe script at PATH.
evil_script() {
	printf '#!/proc/self/exe\n' >"$1$2"
	chmod 755 "$1$2"
}

# check_binary ATTACKER_OUTPUT LABEL: the copy is unchanged, nothing was
# written through the grabbed fd, and the host file itself (not a sealed
# copy) never opened for writing.
check_binary() {
	local out=$1 label=$2
	[ "$(sha256sum <"$RT")" = "$RT_SUM" ] ||
		fail "$label: the host runtime binary was overwritten from inside the container: [$out]"
	! grep -q '^wrote ' <<<"$out" ||
		fail "$label: the container wrote into the runtime binary it grabbed: [$out]"
	if grep -qF "exe=$RT" <<<"$out" && grep -q '^write-open: ok' <<<"$out"; then
		fail "$label: the container opened the host runtime binary for writing: [$out]"
	fi
	return 0
}

# The victim's init execs #!/proc/self/exe; the attacker shares its pid
# namespace. Until the runtime binary has run inside the container the
# attack is retried (the grabber must see the process while it runs).
case_create_start() {
	local a=$T/b-attacker v=$T/b-victim aid vid apid round out=""
	fresh_runtime
	attacker_bundle "$a"
	mkbundle "$v"
	docker_caps "$v"
	with_runtime_libs "$v/rootfs"
	evil_script "$v/rootfs" /entry
	set_args "$v" /entry
	for round in 1 2 3 4 5; do
		aid=$(new_id)
		create_ctr "$aid" "$a"
		assert_ok "create the attacker"
		capture arca start "$aid"
		assert_ok "start the attacker"
		apid=$(state_field "$aid" .pid)
		cfg "$v" '(.linux.namespaces[] | select(.type == "pid")) |= {type: "pid", path: $p}' \
			--arg p "/proc/$apid/ns/pid"
		vid=$(new_id)
		# the victim is created and started by the copy: its init is a
		# clone of the copy, so the copy is what /proc/self/exe names
		rt create --bundle "$v" "$vid" </dev/null >"$T/$vid.out" 2>"$T/$vid.err" ||
			fail "create the victim: $(cat "$T/$vid.err")"
		rt start "$vid" >/dev/null 2>&1 || true
		wait_status "$aid" stopped 20
		out=$(ctr_out "$aid")
		check_binary "$out" "create/start (round $round)"
		if grep -q "^grabbed " <<<"$out"; then
			_say "attacker: $(tr '\n' ' ' <<<"$out")"
			return 0
		fi
		_say "round $round: attacker: $(tr '\n' ' ' <<<"$out")"
		capture arca delete -f "$vid"
		capture arca delete -f "$aid"
	done
	fail "the attack did not get to run: the grabber never saw the runtime binary (last: [$out], victim: [$(cat "$T/$vid.out" "$T/$vid.err")])"
}

# The same through exec: the attacker's own container holds the grabber, and
# the runtime execs a #!/proc/self/exe script into it.
case_exec() {
	if "$ARCA" exec --help 2>&1 | grep -q "not supported"; then
		skip_case "arca exec is not supported yet (arca exec --help says so)"
	fi
	local a=$T/b-exec aid round out=""
	fresh_runtime
	attacker_bundle "$a"
	with_runtime_libs "$a/rootfs"
	evil_script "$a/rootfs" /entry
	for round in 1 2 3 4 5; do
		aid=$(new_id)
		rt create --bundle "$a" "$aid" </dev/null >"$T/$aid.out" 2>"$T/$aid.err" ||
			fail "create the attacker: $(cat "$T/$aid.err")"
		rt start "$aid" || fail "start the attacker"
		rt exec "$aid" /entry </dev/null >"$T/exec.out" 2>&1 || true
		wait_status "$aid" stopped 20
		out=$(ctr_out "$aid")
		check_binary "$out" "exec (round $round)"
		if grep -q "^grabbed " <<<"$out"; then
			_say "attacker: $(tr '\n' ' ' <<<"$out")"
			return 0
		fi
		capture arca delete -f "$aid"
	done
	fail "the attack did not get to run through exec (last: [$out], exec: [$(cat "$T/exec.out")])"
}

run_case case_create_start
run_case case_exec
finish
