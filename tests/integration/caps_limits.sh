#!/bin/bash
# The container process's privileges and limits: the five capability sets
# (root and non-root), unknown and ungrantable capabilities, rlimits,
# noNewPrivileges and oomScoreAdj.
# Checklist: CAP-01, CAP-02, RLIM-01..RLIM-03, NNP-01, OOM-01, OOM-02, LIFE-11.
source "$ARCA_TESTS/lib/common.bash"

# capabilities(7) numbers, in order: CAP_NAMES[n] is capability n.
CAP_NAMES=(CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID SETPCAP
	LINUX_IMMUTABLE NET_BIND_SERVICE NET_BROADCAST NET_ADMIN NET_RAW IPC_LOCK IPC_OWNER
	SYS_MODULE SYS_RAWIO SYS_CHROOT SYS_PTRACE SYS_PACCT SYS_ADMIN SYS_BOOT SYS_NICE
	SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG MKNOD LEASE AUDIT_WRITE AUDIT_CONTROL SETFCAP
	MAC_OVERRIDE MAC_ADMIN SYSLOG WAKE_ALARM BLOCK_SUSPEND AUDIT_READ PERFMON BPF
	CHECKPOINT_RESTORE)
CAP_LAST=$(cat /proc/sys/kernel/cap_last_cap)

cap_number() { # CAP_NAME: its number, or nothing
	local i
	for i in "${!CAP_NAMES[@]}"; do
		[ "CAP_${CAP_NAMES[$i]}" != "$1" ] || { echo "$i"; return 0; }
	done
}

# cap_mask NAME...: the /proc/self/status hex mask of these capabilities.
cap_mask() {
	local m=0 n c
	for c in "$@"; do
		n=$(cap_number "$c")
		[ -n "$n" ] || fail "test bug: no number for $c"
		m=$((m | (1 << n)))
	done
	printf '%016x' "$m"
}

# host_lacks: the first capability this kernel has that the bounding set of
# the shell running arca lacks (so the runtime cannot grant it), or nothing.
host_lacks() {
	local bnd n
	bnd=$((16#$(awk '$1 == "CapBnd:" { print $2 }' /proc/self/status)))
	for ((n = 0; n <= CAP_LAST && n < ${#CAP_NAMES[@]}; n++)); do
		if [ $(((bnd >> n) & 1)) = 0 ]; then echo "CAP_${CAP_NAMES[$n]}"; return 0; fi
	done
}

status_field() { # STATUS_TEXT FIELD
	awk -v f="$1:" '$1 == f { print $2 }' <<<"$2"
}

# check_caps STATUS SET_LABEL: compare the five Cap* lines with the masks of
# the arrays BND EFF INH PRM AMB.
check_caps() {
	local st=$1 what=$2
	assert_eq "$(status_field CapBnd "$st")" "$(cap_mask "${BND[@]}")" "CAP-01 ($what): CapBnd"
	assert_eq "$(status_field CapEff "$st")" "$(cap_mask "${EFF[@]}")" "CAP-01 ($what): CapEff"
	assert_eq "$(status_field CapPrm "$st")" "$(cap_mask "${PRM[@]}")" "CAP-01 ($what): CapPrm"
	assert_eq "$(status_field CapInh "$st")" "$(cap_mask "${INH[@]}")" "CAP-01 ($what): CapInh"
	assert_eq "$(status_field CapAmb "$st")" "$(cap_mask "${AMB[@]}")" "CAP-01 ($what): CapAmb"
}

caps_json() { # the five arrays as process.capabilities
	jq -nc --argjson b "$(json_array "${BND[@]}")" --argjson e "$(json_array "${EFF[@]}")" \
		--argjson i "$(json_array "${INH[@]}")" --argjson p "$(json_array "${PRM[@]}")" \
		--argjson a "$(json_array "${AMB[@]}")" \
		'{bounding: $b, effective: $e, inheritable: $i, permitted: $p, ambient: $a}'
}

# CAP-01: root, all five sets, capabilities above 31 included. For uid 0
# execve keeps permitted = bounding | inheritable and effective = permitted,
# so the configuration is one execve leaves exactly as it is.
case_caps_root() {
	local id b=$T/b-caproot
	BND=(CAP_CHOWN CAP_DAC_OVERRIDE CAP_FOWNER CAP_KILL CAP_SETGID CAP_SETUID CAP_NET_BIND_SERVICE
		CAP_SYS_CHROOT CAP_SYS_ADMIN CAP_AUDIT_WRITE CAP_BPF CAP_CHECKPOINT_RESTORE)
	EFF=("${BND[@]}")
	PRM=("${BND[@]}")
	INH=(CAP_CHOWN CAP_KILL CAP_NET_BIND_SERVICE CAP_BPF)
	AMB=(CAP_KILL CAP_NET_BIND_SERVICE CAP_BPF)
	[ "$CAP_LAST" -ge 40 ] || skip_case "the kernel has no CAP_CHECKPOINT_RESTORE"
	id=$(new_id)
	mkbundle "$b" '.process.capabilities = $c' --argjson c "$(caps_json)"
	set_args "$b" cat /proc/self/status
	run_ctr "$id" "$b"
	assert_ok "CAP-01: run as root with five capability sets"
	check_caps "$OUT" "uid 0"
	assert_eq "$ERR" "" "CAP-01: no warning for grantable capabilities"
}

# CAP-01: a non-root user keeps its capabilities across the uid change. For
# a uid other than 0 execve leaves permitted = effective = ambient.
case_caps_nonroot() {
	local id b=$T/b-capuser
	BND=(CAP_CHOWN CAP_KILL CAP_NET_BIND_SERVICE CAP_NET_RAW CAP_SYS_TIME CAP_BPF CAP_CHECKPOINT_RESTORE)
	INH=(CAP_KILL CAP_NET_BIND_SERVICE CAP_NET_RAW CAP_CHECKPOINT_RESTORE)
	AMB=(CAP_KILL CAP_NET_BIND_SERVICE CAP_CHECKPOINT_RESTORE)
	PRM=("${AMB[@]}")
	EFF=("${AMB[@]}")
	[ "$CAP_LAST" -ge 40 ] || skip_case "the kernel has no CAP_CHECKPOINT_RESTORE"
	id=$(new_id)
	mkbundle "$b" '.process.user = {"uid": 1000, "gid": 1000} | .process.capabilities = $c' \
		--argjson c "$(caps_json)"
	set_args "$b" cat /proc/self/status
	run_ctr "$id" "$b"
	assert_ok "CAP-01: run as uid 1000 with five capability sets"
	assert_eq "$(status_field Uid "$OUT")" 1000 "PROC-06: uid"
	check_caps "$OUT" "uid 1000"
}

# CAP-01: empty and absent lists are empty sets, for root too.
case_caps_empty() {
	local id b=$T/b-capempty
	BND=() EFF=() INH=() PRM=() AMB=()
	id=$(new_id)
	mkbundle "$b" '.process.capabilities = {"bounding": [], "effective": [], "permitted": []}'
	set_args "$b" cat /proc/self/status
	run_ctr "$id" "$b"
	assert_ok "CAP-01: run with empty capability lists"
	check_caps "$OUT" "empty and absent lists"

	id=$(new_id)
	cfg "$b" '.process.capabilities = {}'
	run_ctr "$id" "$b"
	assert_ok "CAP-01: run with every capability list absent"
	check_caps "$OUT" "every list absent"
}

# CAP-02: an unknown name and one this kernel does not have are skipped with
# a warning naming them; the container runs with the rest.
case_caps_unknown() {
	local id b=$T/b-capunk beyond
	# a name libcap knows beyond the kernel's last capability; when there is
	# none, libcap's numeric form is the only way to name one
	beyond=$(capsh --decode="$(printf '0x%x' $((1 << (CAP_LAST + 1))))" 2>/dev/null | sed 's/^0x[0-9a-f]*=//' || true)
	[[ $beyond == cap_* ]] || beyond=$((CAP_LAST + 1))
	BND=(CAP_KILL CAP_CHOWN) EFF=(CAP_KILL CAP_CHOWN) PRM=(CAP_KILL CAP_CHOWN) INH=(CAP_KILL) AMB=(CAP_KILL)
	id=$(new_id)
	mkbundle "$b" '.process.capabilities = $c |
		.process.capabilities.bounding += ["CAP_NOPE", $k] |
		.process.capabilities.effective += ["CAP_NOPE"] |
		.process.capabilities.ambient += [$k]' \
		--argjson c "$(caps_json)" --arg k "$beyond"
	set_args "$b" cat /proc/self/status
	run_ctr "$id" "$b"
	assert_ok "CAP-02: a container with unknown capability names must still run"
	check_caps "$OUT" "unknown names skipped"
	assert_contains "$ERR" "CAP_NOPE" "CAP-02: the warning names the unknown capability"
	assert_contains "$ERR" "bounding" "CAP-02: the warning names the set"
	assert_contains "$ERR" "$beyond" "CAP-02: the warning names the capability the kernel lacks ($beyond)"
	assert_contains "$ERR" "warning" "CAP-02: it is a warning"
}

# CAP-02: an ambient capability that is not inheritable cannot be raised: a
# warning, and the container runs without it.
case_caps_ambient_not_inheritable() {
	local id b=$T/b-capamb
	BND=(CAP_KILL CAP_CHOWN) EFF=(CAP_KILL CAP_CHOWN) PRM=(CAP_KILL CAP_CHOWN) INH=(CAP_CHOWN) AMB=(CAP_CHOWN)
	id=$(new_id)
	mkbundle "$b" '.process.capabilities = $c | .process.capabilities.ambient += ["CAP_KILL"]' \
		--argjson c "$(caps_json)"
	set_args "$b" cat /proc/self/status
	run_ctr "$id" "$b"
	assert_ok "CAP-02: ambient without inheritable must still run"
	check_caps "$OUT" "ambient CAP_KILL not inheritable"
	assert_contains "${ERR,,}" "cap_kill" "CAP-02: the warning names the ambient capability"
	assert_contains "$ERR" "ambient" "CAP-02: the warning names the set"
}

# CAP-02: a capability the runtime itself does not hold (this host's root
# lacks one in its bounding set) cannot be granted: the spec asks for a
# warning naming it and a container that runs with the rest.
case_caps_ungrantable() {
	local id b=$T/b-capno lacking
	lacking=$(host_lacks)
	[ -n "$lacking" ] || skip_case "the shell running arca holds every capability"
	BND=(CAP_KILL CAP_CHOWN) EFF=(CAP_KILL CAP_CHOWN) PRM=(CAP_KILL CAP_CHOWN) INH=(CAP_KILL) AMB=(CAP_KILL)
	id=$(new_id)
	mkbundle "$b" '.process.capabilities = $c |
		.process.capabilities.bounding += [$n] | .process.capabilities.effective += [$n] |
		.process.capabilities.permitted += [$n] | .process.capabilities.inheritable += [$n]' \
		--argjson c "$(caps_json)" --arg n "$lacking"
	set_args "$b" cat /proc/self/status
	run_ctr "$id" "$b"
	assert_ok "CAP-02: $lacking, which the runtime does not hold, must be a warning, not a failure"
	check_caps "$OUT" "$lacking skipped"
	assert_contains "${ERR,,}" "${lacking,,}" "CAP-02: the warning names $lacking"
}

# the /proc/self/limits row of each RLIMIT_ type
declare -A LIMIT_ROW=([CPU]="Max cpu time" [FSIZE]="Max file size" [DATA]="Max data size"
	[STACK]="Max stack size" [CORE]="Max core file size" [RSS]="Max resident set"
	[NPROC]="Max processes" [NOFILE]="Max open files" [MEMLOCK]="Max locked memory"
	[AS]="Max address space" [LOCKS]="Max file locks" [SIGPENDING]="Max pending signals"
	[MSGQUEUE]="Max msgqueue size" [NICE]="Max nice priority" [RTPRIO]="Max realtime priority"
	[RTTIME]="Max realtime timeout")

limits_row() { # LIMITS_TEXT ROW_NAME: "soft hard"
	awk -v r="$2" 'substr($0, 1, length(r)) == r {
		$0 = substr($0, 27); print $1, $2 }' <<<"$1"
}

# RLIM-02: every configured rlimit reads back with its soft and hard value;
# every other one is the caller's, untouched.
case_rlimits() {
	local id b=$T/b-rlim json t want got host
	# soft != hard everywhere; all within this host's hard limits
	local -A SET=([AS]="1073741824 2147483648" [CORE]="4096 8192" [CPU]="100 200"
		[DATA]="536870912 1073741824" [FSIZE]="1048576 2097152" [NOFILE]="512 1024"
		[NPROC]="300 400" [STACK]="4194304 16777216" [MEMLOCK]="65536 131072"
		[MSGQUEUE]="4096 8192" [SIGPENDING]="100 200" [LOCKS]="10 20" [RTTIME]="1000 2000")
	json=$(for t in "${!SET[@]}"; do
		set -- ${SET[$t]}
		jq -nc --arg t "RLIMIT_$t" --argjson s "$1" --argjson h "$2" '{type: $t, soft: $s, hard: $h}'
	done | jq -cs .)
	id=$(new_id)
	mkbundle "$b" '.process.rlimits = $r' --argjson r "$json"
	set_args "$b" cat /proc/self/limits
	run_ctr "$id" "$b"
	assert_ok "RLIM-02: run with $(jq length <<<"$json") rlimits"
	host=$(cat /proc/self/limits)
	for t in "${!LIMIT_ROW[@]}"; do
		got=$(limits_row "$OUT" "${LIMIT_ROW[$t]}")
		if [ -n "${SET[$t]:-}" ]; then
			assert_eq "$got" "${SET[$t]}" "RLIM-02: RLIMIT_$t soft and hard"
		else
			assert_eq "$got" "$(limits_row "$host" "${LIMIT_ROW[$t]}")" "RLIM-02: unconfigured RLIMIT_$t must be inherited"
		fi
	done
}

# RLIM-01, RLIM-03, LIFE-11: an unknown type, a duplicate type, a soft limit
# above the hard one: refused at create, naming it, nothing left.
case_rlimits_refused() {
	local id b=$T/b-rlimbad
	mkbundle "$b"
	id=$(new_id)
	cfg "$b" '.process.rlimits = [{"type": "RLIMIT_NOFILE", "soft": 10, "hard": 20},
		{"type": "RLIMIT_FOO", "soft": 1, "hard": 2}]'
	create_ctr "$id" "$b"
	assert_failed "RLIM-01: RLIMIT_FOO must be refused"
	assert_contains "$ERR" "RLIMIT_FOO" "RLIM-01: the error names the type"
	assert_contains "$ERR" "rlimits[1]" "RLIM-01: the error names the entry"
	assert_one_line "$ERR" "RLIM-01: one error line"
	assert_gone "$id" "$b" "LIFE-11: after RLIMIT_FOO"

	id=$(new_id)
	cfg "$b" '.process.rlimits = [{"type": "RLIMIT_NOFILE", "soft": 10, "hard": 20},
		{"type": "RLIMIT_CORE", "soft": 0, "hard": 0},
		{"type": "RLIMIT_NOFILE", "soft": 30, "hard": 40}]'
	create_ctr "$id" "$b"
	assert_failed "RLIM-03: a duplicate RLIMIT_NOFILE must be refused"
	assert_contains "$ERR" "RLIMIT_NOFILE" "RLIM-03: the error names the type"
	assert_contains "$ERR" "duplicate" "RLIM-03: the error says why"
	assert_gone "$id" "$b" "LIFE-11: after a duplicate rlimit"

	id=$(new_id)
	cfg "$b" '.process.rlimits = [{"type": "RLIMIT_NPROC", "soft": 20, "hard": 10}]'
	create_ctr "$id" "$b"
	assert_failed "RLIM-02: soft above hard must be refused"
	assert_contains "$ERR" "RLIMIT_NPROC" "RLIM-02: the error names the type"
	assert_gone "$id" "$b" "LIFE-11: after soft > hard"
}

# RLIM-02, LIFE-11: a hard limit above the host's (raising it needs
# CAP_SYS_RESOURCE, which this host's root lacks) fails create naming the
# rlimit; nothing is left.
case_rlimit_above_host() {
	local id b=$T/b-rlimhost hard
	hard=$(ulimit -Hn)
	[ "$hard" != unlimited ] || skip_case "the host's RLIMIT_NOFILE is unlimited"
	[ $(((16#$(status_field CapEff "$(cat /proc/self/status)") >> 24) & 1)) = 0 ] ||
		skip_case "the shell has CAP_SYS_RESOURCE: any hard limit can be raised"
	id=$(new_id)
	mkbundle "$b" '.process.rlimits = [{"type": "RLIMIT_CORE", "soft": 0, "hard": 0},
		{"type": "RLIMIT_NOFILE", "soft": 1024, "hard": $h}]' --argjson h $((hard + 1))
	create_ctr "$id" "$b"
	assert_failed "RLIM-02: RLIMIT_NOFILE hard $((hard + 1)) above the host's $hard must fail"
	assert_contains "$ERR" "RLIMIT_NOFILE" "RLIM-02: the error names the rlimit"
	assert_contains "$ERR" "$((hard + 1))" "RLIM-02: the error names the value"
	assert_one_line "$ERR" "one error line"
	assert_gone "$id" "$b" "LIFE-11: after an ungrantable rlimit"
}

# NNP-01: NoNewPrivs is 1 with noNewPrivileges true, 0 with false or absent.
case_nnp() {
	local id b=$T/b-nnp v
	[ "$(status_field NoNewPrivs "$(cat /proc/self/status)")" = 0 ] ||
		skip_case "the shell running arca already has no_new_privs"
	mkbundle "$b"
	set_args "$b" cat /proc/self/status
	for v in true false absent; do
		id=$(new_id)
		if [ "$v" = absent ]; then cfg "$b" 'del(.process.noNewPrivileges)'
		else cfg "$b" '.process.noNewPrivileges = $v' --argjson v "$v"; fi
		run_ctr "$id" "$b"
		assert_ok "NNP-01: run with noNewPrivileges $v"
		local want=0
		[ "$v" != true ] || want=1
		assert_eq "$(status_field NoNewPrivs "$OUT")" "$want" "NNP-01: NoNewPrivs with noNewPrivileges $v"
	done
}

# run_at_oom ADJ ID BUNDLE: `arca run` from a shell whose oom_score_adj is ADJ
run_at_oom() {
	local adj=$1 id=$2 bundle=$3
	capture bash -c 'echo "$1" >/proc/self/oom_score_adj && shift && exec "$@"' _ "$adj" \
		timeout -k 5 "$ARCA_CMD_TIMEOUT" "$ARCA" --root "$T/state" run --bundle "$bundle" "$id"
}

# OOM-01, OOM-02: oomScoreAdj reads back; absent, the caller's value is
# inherited; raising and lowering down to the inherited minimum work.
case_oom_score_adj() {
	local id b=$T/b-oom
	mkbundle "$b" '.process.oomScoreAdj = 500'
	set_args "$b" cat /proc/self/oom_score_adj
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "OOM-01: run with oomScoreAdj 500"
	assert_eq "$OUT" 500 "OOM-01: oom_score_adj inside"

	id=$(new_id)
	cfg "$b" 'del(.process.oomScoreAdj)'
	run_at_oom 123 "$id" "$b"
	assert_ok "OOM-02: run without oomScoreAdj from a shell at 123"
	assert_eq "$OUT" 123 "OOM-02: without oomScoreAdj the caller's value is inherited"

	# lowering from the caller's 200 to 100 stays above the minimum the
	# kernel keeps (0 here), so it needs no privilege
	id=$(new_id)
	cfg "$b" '.process.oomScoreAdj = 100'
	run_at_oom 200 "$id" "$b"
	assert_ok "OOM-01: oomScoreAdj 100 from a shell at 200"
	assert_eq "$OUT" 100 "OOM-01: oom_score_adj inside"
}

# OOM-01, LIFE-11: a value below what the kernel lets an unprivileged caller
# set (lowering under oom_score_adj_min needs CAP_SYS_RESOURCE, which this
# host's root lacks) fails create with a clear message; nothing is left.
case_oom_score_adj_refused() {
	local id b=$T/b-oombad
	[ "$(cat /proc/self/oom_score_adj)" -ge 0 ] || skip_case "the shell's oom_score_adj is already negative"
	echo -1 >"/proc/$BASHPID/oom_score_adj" 2>/dev/null &&
		skip_case "this shell may lower its oom_score_adj (CAP_SYS_RESOURCE)"
	id=$(new_id)
	mkbundle "$b" '.process.oomScoreAdj = -500'
	create_ctr "$id" "$b"
	assert_failed "OOM-01: oomScoreAdj -500 without CAP_SYS_RESOURCE must fail"
	assert_contains "$ERR" "oomScoreAdj" "OOM-01: the error names the field"
	assert_contains "$ERR" "-500" "OOM-01: the error names the value"
	assert_contains "$ERR" "CAP_SYS_RESOURCE" "OOM-01: the error says what is missing"
	assert_one_line "$ERR" "one error line"
	assert_gone "$id" "$b" "LIFE-11: after a refused oomScoreAdj"
}

run_case case_caps_root
run_case case_caps_nonroot
run_case case_caps_empty
run_case case_caps_unknown
run_case case_caps_ambient_not_inheritable
run_case case_caps_ungrantable
run_case case_rlimits
run_case case_rlimits_refused
run_case case_rlimit_above_host
run_case case_nnp
run_case case_oom_score_adj
run_case case_oom_score_adj_refused
finish
