# Section 10d: oom_score_adj (OOM)

row OOM-01 MUST "oomScoreAdj is the process's oom_score_adj"
t_OOM_01() {
	local r=0
	inside oom OOM-01 || r=1
	if has_cap 24; then
		inside oom-neg OOM-01 || r=1
	else
		note "a negative oomScoreAdj is not tested: the runner lacks CAP_SYS_RESOURCE, which lowering needs"
	fi
	return $r
}

scen_oom() {
	local b
	b=$(mkbundle oom '.process.oomScoreAdj = 423')
	inside_run oom "$b"
}

scen_oom_neg() {
	local b
	b=$(mkbundle oom-neg '.process.oomScoreAdj = -321')
	inside_run oom-neg "$b"
}

row OOM-02 "MUST NOT" "without oomScoreAdj the caller's oom_score_adj is inherited"
t_OOM_02() { inside base OOM-02; }
