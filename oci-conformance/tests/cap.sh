# Section 10b: capabilities (CAP)

ALL_CAPS='["CAP_CHOWN","CAP_DAC_OVERRIDE","CAP_DAC_READ_SEARCH","CAP_FOWNER","CAP_FSETID","CAP_KILL","CAP_SETGID",
 "CAP_SETUID","CAP_SETPCAP","CAP_LINUX_IMMUTABLE","CAP_NET_BIND_SERVICE","CAP_NET_BROADCAST","CAP_NET_ADMIN",
 "CAP_NET_RAW","CAP_IPC_LOCK","CAP_IPC_OWNER","CAP_SYS_MODULE","CAP_SYS_RAWIO","CAP_SYS_CHROOT","CAP_SYS_PTRACE",
 "CAP_SYS_PACCT","CAP_SYS_ADMIN","CAP_SYS_BOOT","CAP_SYS_NICE","CAP_SYS_RESOURCE","CAP_SYS_TIME",
 "CAP_SYS_TTY_CONFIG","CAP_MKNOD","CAP_LEASE","CAP_AUDIT_WRITE","CAP_AUDIT_CONTROL","CAP_SETFCAP",
 "CAP_MAC_OVERRIDE","CAP_MAC_ADMIN","CAP_SYSLOG","CAP_WAKE_ALARM","CAP_BLOCK_SUSPEND","CAP_AUDIT_READ",
 "CAP_PERFMON","CAP_BPF","CAP_CHECKPOINT_RESTORE"]'

# root: execve as uid 0 makes permitted = effective = bounding | inheritable,
# so a config that survives exec lists the same set there; inheritable and
# ambient are left out (an absent list is an empty set)
scen_caps_root() {
	local b
	b=$(mkbundle caps-root '.process.capabilities = {bounding: $c, effective: $c, permitted: $c}' \
		--argjson c '["CAP_CHOWN","CAP_DAC_OVERRIDE","CAP_FOWNER","CAP_FSETID","CAP_KILL","CAP_SETGID","CAP_SETUID",
		"CAP_NET_BIND_SERVICE","CAP_SYS_CHROOT","CAP_AUDIT_WRITE","CAP_SETFCAP"]')
	inside_run caps-root "$b"
}

# a non-root user keeps only what is ambient across execve
scen_caps_user() {
	local b
	b=$(mkbundle caps-user '.process.user = {uid: 1000, gid: 1000} | .process.capabilities = {
		bounding: ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW"],
		inheritable: ["CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW"],
		permitted: ["CAP_KILL", "CAP_NET_BIND_SERVICE"], effective: ["CAP_KILL", "CAP_NET_BIND_SERVICE"],
		ambient: ["CAP_KILL", "CAP_NET_BIND_SERVICE"]}')
	inside_run caps-user "$b"
}

# every capability this kernel has, minus those the runner itself lacks (no
# runtime it starts can grant those)
runner_caps() {
	local last n=0 c out=""
	last=$(cat /proc/sys/kernel/cap_last_cap)
	for c in $(jq -r '.[]' <<<"$ALL_CAPS"); do
		if [ $n -le "$last" ] && has_cap $n; then out="${out:+$out,}\"$c\""; fi
		n=$((n + 1))
	done
	echo "[$out]"
}

scen_caps_all() {
	local b
	b=$(mkbundle caps-all '.process.capabilities = {bounding: $c, effective: $c, permitted: $c, inheritable: $c, ambient: $c}' \
		--argjson c "$(runner_caps)")
	inside_run caps-all "$b"
}

row CAP-01 MUST* "the five capability sets are exactly the configured ones (root, all caps, non-root with ambient)"
t_CAP_01() {
	local missing
	missing=$(jq -r --argjson have "$(runner_caps)" '. - $have | join(" ")' <<<"$ALL_CAPS")
	[ -z "$missing" ] || note "left out of the all-capabilities run (the runner itself lacks them): $missing"
	inside_all CAP-01 caps-root caps-all caps-user
}

row CAP-02 "MUST (warn)/SHOULD NOT (fail)" "an unknown capability is a warning naming it, not a failure"
t_CAP_02() {
	local b id pid said
	b=$(mkbundle cap02 '.process.capabilities = {bounding: $c, effective: $c, permitted: $c}' \
		--argjson c '["CAP_KILL", "CAP_OCI_BOGUS"]')
	id=$(new_id)
	RT_GLOBAL="--log $T/cap02.log" create "$id" "$b"
	said=$(cat "$b/ctr.err" "$T/cap02.log" 2>/dev/null)
	if [ "$RC" != 0 ]; then
		grep -q CAP_OCI_BOGUS <<<"$said" || fail "create fails without naming CAP_OCI_BOGUS: $(short "$ERR")"
		note "the runtime fails on the unknown capability instead of warning: $(short "$ERR" 120)"
		no_trace "$id" "$b"
		return
	fi
	grep -q CAP_OCI_BOGUS <<<"$said" || fail "create succeeds without a warning naming CAP_OCI_BOGUS"
	pid=$(pid_of "$id")
	rt start "$id" >/dev/null 2>&1
	wait_dead "$pid" 10
	grep -q '^ok CAP-01 - bounding' "$b/ctr.out" && ! grep -q '^not ok CAP-01' "$b/ctr.out" ||
		fail "the known capabilities were not applied: $(grep 'CAP-01' "$b/ctr.out" | head -3 | tr '\n' ' ')"
}
