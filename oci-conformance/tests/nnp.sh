# Section 10c: no_new_privs (NNP)

row NNP-01 MUST* "noNewPrivileges true sets no_new_privs; false or unset leaves it clear"
t_NNP_01() { inside_all NNP-01 base user nnp; }

scen_nnp() {
	local b
	b=$(mkbundle nnp '.process.noNewPrivileges = true')
	inside_run nnp "$b"
}
