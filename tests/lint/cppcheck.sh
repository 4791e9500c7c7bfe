#!/bin/bash
# cppcheck.sh SRCDIR BUILDDIR: cppcheck over every file in BUILDDIR's compile
# database. Any finding fails. Exit 77 when cppcheck is missing.
#
# memleak and resourceLeak are off: cppcheck does not understand the cleanup
# attribute that owns every allocation and fd here (_cleanup_free_, ...), so
# it reports each of them as leaked. LeakSanitizer checks leaks in the
# ARCA_SANITIZE test run instead.
set -u
src=${1:?usage: cppcheck.sh SRCDIR BUILDDIR}
build=${2:?usage: cppcheck.sh SRCDIR BUILDDIR}
command -v cppcheck >/dev/null || { echo "SKIP: cppcheck is not installed (Debian: apt-get install cppcheck)"; exit 77; }
[ -f "$build/compile_commands.json" ] || { echo "no $build/compile_commands.json" >&2; exit 2; }
cd "$src" || exit 2
cmd=(cppcheck --quiet --enable=warning,performance,portability --inline-suppr --error-exitcode=1
	--std=c11 -D_GNU_SOURCE --suppress=memleak --suppress=resourceLeak
	"--project=$build/compile_commands.json")
echo "+ ${cmd[*]}"
"${cmd[@]}" || { echo "FAIL: cppcheck findings above"; exit 1; }
