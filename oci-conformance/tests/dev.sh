# Section 6: devices (DEV)

scen_devices() {
	local b
	b=$(mkbundle devices '.linux.devices = [
	  {path: "/dev/oci-char", type: "c", major: 1, minor: 3, fileMode: 416, uid: 1001, gid: 1002},
	  {path: "/dev/oci-block", type: "b", major: 7, minor: 0, fileMode: 384, uid: 0, gid: 6},
	  {path: "/dev/oci-fifo", type: "p", fileMode: 400},
	  {path: "/dev/oci-u", type: "u", major: 1, minor: 5, fileMode: 438},
	  {path: "/oci/devs/outside", type: "c", major: 1, minor: 7, fileMode: 420}]')
	mkdir -p "$b/rootfs/oci"
	mknod "$b/rootfs/oci/unlisted" c 10 200
	check "$b" DEV-08 1 "?open-denied /oci/unlisted"
	inside_run devices "$b"
}

row DEV-01 MUST "every linux.devices entry exists at its path"
t_DEV_01() { inside devices DEV-01; }

row DEV-02 MUST* "type c, b, u (char) and p (fifo); anything else is an error"
t_DEV_02() {
	local b id r=0
	inside devices DEV-02 || r=1
	b=$(mkbundle dev02 '.linux.devices = [{path: "/dev/oci-x", type: "x", major: 1, minor: 3}]')
	id=$(new_id)
	expect_create_fails "$id" "$b" "device type \"x\"" || r=1
	return $r
}

row DEV-03 MUST "path is the full container path (also outside /dev); an existing other file there is an error"
t_DEV_03() {
	local b id r=0
	inside devices DEV-03 || r=1
	b=$(mkbundle dev03 '.linux.devices = [{path: "/oci/devconflict", type: "c", major: 1, minor: 3, fileMode: 438}]')
	mkdir -p "$b/rootfs/oci"
	echo a-regular-file >"$b/rootfs/oci/devconflict"
	id=$(new_id)
	expect_create_fails "$id" "$b" "a regular file already at the device path" || r=1
	return $r
}

row DEV-04 MUST "major and minor are required except for p"
t_DEV_04() {
	local b id r=0
	inside devices DEV-04 || r=1
	b=$(mkbundle dev04 '.linux.devices = [{path: "/dev/oci-nomajor", type: "c", minor: 3}]')
	id=$(new_id)
	expect_create_fails "$id" "$b" "a char device without major" || r=1
	b=$(mkbundle dev04b '.linux.devices = [{path: "/dev/oci-nominor", type: "b", major: 7}]')
	id=$(new_id)
	expect_create_fails "$id" "$b" "a block device without minor" || r=1
	return $r
}

row DEV-05 MUST* "fileMode gives the node exactly these permission bits"
t_DEV_05() { inside devices DEV-05; }

row DEV-06 MUST* "uid and gid own the node"
t_DEV_06() { inside devices DEV-06; }

row DEV-07 "SHOULD NOT" "one device in two entries"
t_DEV_07() { inside dev-dup DEV-07 soft; }

scen_dev_dup() {
	local b
	b=$(mkbundle dev-dup '.linux.devices = [
	  {path: "/dev/oci-dup1", type: "c", major: 1, minor: 3, fileMode: 438},
	  {path: "/dev/oci-dup2", type: "c", major: 1, minor: 3, fileMode: 438}]')
	check "$b" DEV-07 1 "rdev /dev/oci-dup1 1:3"
	check "$b" DEV-07 2 "rdev /dev/oci-dup2 1:3"
	inside_run dev-dup "$b"
}

row DEV-08 MAY "devices neither listed nor default may be denied; listed ones work"
t_DEV_08() { inside devices DEV-08; }

row DEV-09 MUST "default devices (null zero full random urandom tty ptmx, console with a terminal), usable under a deny-all device rule"
t_DEV_09() { inside_all DEV-09 base dev-cgdeny terminal; }

scen_dev_cgdeny() {
	local b
	b=$(mkbundle dev-cgdeny '.linux.resources = {devices: [{allow: false, access: "rwm"}]}')
	inside_run dev-cgdeny "$b"
}

row DEV-10 MUST "/dev/fd, /dev/stdin, /dev/stdout, /dev/stderr symlinks"
t_DEV_10() { inside_all DEV-10 base rootro; }
