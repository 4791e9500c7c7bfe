#!/bin/bash
# AppArmor and SELinux labels (AA-01, SEL-01, SEL-02). On a host where the
# LSM is enabled they are applied; where it is not, a config that asks for
# one fails create naming the field, as runc fails it, and leaves nothing.
# This project's hosts have neither LSM, so the applied path is covered by
# the unit test of the decision logic (tests/unit/test_lsm.c).
source "$ARCA_TESTS/lib/common.bash"

lsm_on() { # NAME
	case $1 in
	apparmor) [ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" = Y ] ;;
	selinux) [ -e /sys/fs/selinux/enforce ] ;;
	esac
}

refused() { # LSM FILTER FIELD
	local id b=$T/b-$1
	lsm_on "$1" && skip_case "$1 is enabled on this host: the label would be applied"
	mkbundle "$b" "$2"
	id=$(new_id)
	create_ctr "$id" "$b"
	assert_failed "$3 without $1"
	assert_contains "$ERR" "$3" "the error names $3"
	assert_one_line "$ERR" "one error line"
	assert_gone "$id" "$b" "LIFE-11: after the refused label"
}

case_aa01_profile_without_apparmor() {
	refused apparmor '.process.apparmorProfile = "acme_secure_profile"' process.apparmorProfile
}

case_sel01_label_without_selinux() {
	refused selinux '.process.selinuxLabel = "system_u:system_r:container_t:s0"' process.selinuxLabel
}

case_sel02_mount_label_without_selinux() {
	refused selinux '.linux.mountLabel = "system_u:object_r:container_file_t:s0"' linux.mountLabel
}

case_empty_labels_accepted() {
	local id b=$T/b-empty
	mkbundle "$b" '.process.apparmorProfile = "" | .process.selinuxLabel = "" | .linux.mountLabel = ""'
	set_args "$b" true
	id=$(new_id)
	run_ctr "$id" "$b"
	assert_ok "empty labels mean none: $ERR"
}

run_case case_aa01_profile_without_apparmor
run_case case_sel01_label_without_selinux
run_case case_sel02_mount_label_without_selinux
run_case case_empty_labels_accepted
finish
