#!/bin/bash
# clang-format.sh SRCDIR: every tracked *.c and *.h must be formatted as the
# repository's .clang-format says. Exit 77 when clang-format is missing.
set -u
src=${1:?usage: clang-format.sh SRCDIR}
command -v clang-format >/dev/null || { echo "SKIP: clang-format is not installed (Debian: apt-get install clang-format)"; exit 77; }
cd "$src" || exit 2
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	files=$(git ls-files -- '*.c' '*.h')
else
	files=$(find include libcontainer src tests -name '*.[ch]' | sort)
fi
[ -n "$files" ] || { echo "no sources found in $src" >&2; exit 2; }
echo "+ clang-format --dry-run --Werror ($(wc -l <<<"$files") files in $PWD)"
xargs -d '\n' clang-format --dry-run --Werror <<<"$files" || { echo "FAIL: run clang-format -i on the files above"; exit 1; }
