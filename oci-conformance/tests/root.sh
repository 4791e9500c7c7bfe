# Section 4a: the root filesystem (ROOT)

row ROOT-01 MUST "root is required"
t_ROOT_01() {
	local b id
	b=$(mkbundle root01 'del(.root)')
	id=$(new_id)
	expect_create_fails "$id" "$b" "config without root"
}

row ROOT-02 MUST "root.path is absolute or relative to the bundle (not to the cwd)"
t_ROOT_02() { inside_all ROOT-04 base root-abs; }

scen_root_abs() {
	local b
	b=$(mkbundle root-abs)
	cfg "$b" '.root.path = $p' --arg p "$b/rootfs"
	inside_run root-abs "$b"
}

scen_root_dot() {
	local b=$T/b/root-dot
	mkdir -p "$b"
	cp -al "$T/template/." "$b/"
	jq '.root.path = "."' "$T/base-config.json" >"$b/config.json"
	inside_run root-dot "$b"
}

row ROOT-03 MUST "root.path must be an existing directory"
t_ROOT_03() {
	local b id r=0
	b=$(mkbundle root03 '.root.path = "no-such-rootfs"')
	id=$(new_id)
	expect_create_fails "$id" "$b" "root.path does not exist" || r=1
	b=$(mkbundle root03f '.root.path = "a-file"')
	echo not-a-directory >"$b/a-file"
	id=$(new_id)
	expect_create_fails "$id" "$b" "root.path is a regular file" || r=1
	return $r
}

row ROOT-04 MUST* "the root filesystem becomes / (pivot_root, or --no-pivot)"
t_ROOT_04() {
	local r=0
	inside_all ROOT-04 base root-dot || r=1
	inside nopivot ROOT-04 soft || r=1
	return $r
}

scen_nopivot() {
	local b
	b=$(mkbundle nopivot)
	inside_run nopivot "$b" --no-pivot
}

row ROOT-05 MUST "root.readonly: / is read-only; otherwise writable"
t_ROOT_05() { inside_all ROOT-05 base rootro; }

scen_rootro() {
	local b
	b=$(mkbundle rootro '.root.readonly = true')
	inside_run rootro "$b"
}
