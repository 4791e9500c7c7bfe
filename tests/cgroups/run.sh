#!/bin/sh
# run.sh v1only|v2 TEST [ARGS...]
#
# Runs a cgroup test program on another cgroup layout than the host's:
#   v1only  in a private mount namespace that shows only the v1 hierarchies;
#   v2      as root on a cgroup-v2-only kernel under qemu (the test binary
#           and its libraries, ASan's included, are copied into the VM).
# The working directory is tests/unit, as for every unit test.
# Exit 77 when the layout cannot be provided here (not root, no helper).
set -u
mode=${1:-}
[ $# -ge 2 ] || { echo "usage: run.sh v1only|v2 TEST [ARGS...]" >&2; exit 2; }
shift
here=$(cd "$(dirname "$0")" && pwd)
units=$(cd "$here/../unit" && pwd)
shared=${ARCA_SHARED:-$(cd "$here/../../.." && pwd)/shared}
test=$(realpath -e -- "$1") || exit 2
shift

[ "$(id -u)" = 0 ] || { echo "SKIP: needs root"; exit 77; }
cd "$units" || exit 2
case $mode in
v1only)
	[ -x "$shared/v1only" ] || { echo "SKIP: no $shared/v1only"; exit 77; }
	exec "$shared/v1only" "$test" "$@"
	;;
v2)
	vm=$shared/qemu-v2/vm-run.sh
	[ -x "$vm" ] || { echo "SKIP: no $vm"; exit 77; }
	command -v qemu-system-x86_64 >/dev/null || { echo "SKIP: qemu missing (run $shared/qemu-v2/setup.sh)"; exit 77; }
	VM_COPY="$test" exec "$vm" "$units" "$test" "$@"
	;;
*)
	echo "run.sh: unknown mode '$mode'" >&2
	exit 2
	;;
esac
