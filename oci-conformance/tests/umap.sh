# Section 5b: user namespace mappings (UMAP)

row UMAP-01 MUST* "uidMappings and gidMappings are exactly the container's uid_map and gid_map"
t_UMAP_01() { inside userns UMAP-01; }

scen_userns() {
	local b
	b=$(mkbundle userns '.linux.namespaces += [{type: "user"}]
		| .linux.uidMappings = [{containerID: 0, hostID: 200000, size: 1000}, {containerID: 1000, hostID: 300000, size: 10}]
		| .linux.gidMappings = [{containerID: 0, hostID: 200000, size: 1000}, {containerID: 1000, hostID: 400000, size: 5}]')
	find "$b/rootfs" "$b" -maxdepth 0 -printf '%p %u:%g\n' >"$T/umap.before"
	find "$b/rootfs" -printf '%p %U:%G\n' | sort >"$T/umap.tree.before"
	inside_run userns "$b"
}

row UMAP-02 "SHOULD NOT" "the rootfs ownership is not changed to realise the mapping"
t_UMAP_02() {
	local b after
	scenario userns
	[ -s "$T/umap.tree.before" ] || fail "the userns scenario did not run"
	b=$(ls -d "$T"/b/userns* | head -1)
	after=$(find "$b/rootfs" -printf '%p %U:%G\n' | sort | grep -v -e /config.json -e /oci-conformance-continue)
	if [ "$after" != "$(grep -v -e /config.json -e /oci-conformance-continue "$T/umap.tree.before")" ]; then
		note "the runtime changed ownership in the rootfs: $(diff <(grep -v /config.json "$T/umap.tree.before") <(echo "$after") | grep '^>' | head -3 | tr '\n' ' ')"
	fi
	inside userns UMAP-01 >/dev/null || fail "the user-namespace container did not run: $(cat "$T/scen/userns.status")"
	return 0
}

row UMAP-03 MAY "more mapping lines than the kernel allows (340) is an error"
t_UMAP_03() {
	local b id pid n
	b=$(mkbundle umap03 '.linux.namespaces += [{type: "user"}]
		| .linux.uidMappings = [range(0; 341) | {containerID: ., hostID: (200000 + .), size: 1}]
		| .linux.gidMappings = [{containerID: 0, hostID: 200000, size: 65536}]')
	prog "$b" "$WAIT_GO"
	id=$(new_id)
	create "$id" "$b"
	if [ "$RC" != 0 ]; then
		say "341 uid mapping lines: create fails: $(short "$ERR" 120)"
		no_trace "$id" "$b"
		return
	fi
	pid=$(pid_of "$id")
	n=$(wc -l <"/proc/$pid/uid_map")
	[ "$n" = 341 ] || fail "create accepted 341 mapping lines but uid_map has $n"
	note "this kernel accepts 341 mapping lines"
}
