#!/bin/bash
# clang-tidy.sh SRCDIR BUILDDIR: the checks in SRCDIR/.clang-tidy over every
# .c of libcontainer, src and the tests, with BUILDDIR's compile database.
# Any finding fails. Exit 77 when clang-tidy is missing.
set -u
src=${1:?usage: clang-tidy.sh SRCDIR BUILDDIR}
build=${2:?usage: clang-tidy.sh SRCDIR BUILDDIR}
command -v clang-tidy >/dev/null || { echo "SKIP: clang-tidy is not installed (Debian: apt-get install clang-tidy)"; exit 77; }
[ -f "$build/compile_commands.json" ] || { echo "no $build/compile_commands.json" >&2; exit 2; }
cd "$src" || exit 2
dirs=(libcontainer src tests/unit tests/tools)
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	files=$(git ls-files -- "${dirs[@]/%//*.c}")
else
	files=$(find "${dirs[@]}" -name '*.c' | sort)
fi
[ -n "$files" ] || { echo "no sources found in $src" >&2; exit 2; }
jobs=$(nproc)
echo "+ clang-tidy -p $build --quiet ($(wc -l <<<"$files") files in $PWD, $jobs at a time)"
xargs -d '\n' -P "$jobs" -n 4 clang-tidy -p "$build" --quiet <<<"$files" 2>&1 |
	grep -v -E '^[0-9]+ warnings? generated\.$'
[ "${PIPESTATUS[0]}" = 0 ] || { echo "FAIL: clang-tidy findings above"; exit 1; }
