#!/bin/bash
# tests/fuzz/run.sh SECONDS: builds the loader's libFuzzer targets with clang
# (ASan + UBSan, a CMake build of their own with ARCA_FUZZ=ON) and runs each
# for SECONDS on its seed corpus, the regression inputs in crashes-found/ and
# spec.dict. Any crash, sanitizer report, leak, timeout or round-trip
# mismatch fails (exit 1) and prints the reproducer. Exit 77 when clang or
# its libFuzzer runtime is missing.
#
# Environment:
#   ARCA_FUZZ_BUILD  build directory to reuse between runs (default: a
#                    temporary one, removed afterwards)
#   ARCA_FUZZ_OUT    keep what the fuzzers find: new inputs go to
#                    $ARCA_FUZZ_OUT/<target> (default: a temporary directory;
#                    the repository's corpus is only read)
#   ARCA_FUZZ_JOBS   build parallelism (default: nproc)
set -u
seconds=${1:?usage: run.sh SECONDS}
case $seconds in '' | *[!0-9]*) echo "run.sh: SECONDS must be a number, got \"$seconds\"" >&2; exit 2 ;; esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/../.." && pwd)
targets=(spec process)

skip() {
	echo "SKIP: fuzz: $*"
	exit 77
}

command -v clang >/dev/null || skip "clang is not installed (apt-get install clang libclang-rt-14-dev)"
command -v cmake >/dev/null || skip "cmake is not installed"

work=$(mktemp -d "${TMPDIR:-/tmp}/arca-fuzz.XXXXXX")
keep_work=
build=${ARCA_FUZZ_BUILD:-$work/build}
cleanup() {
	[ -n "$keep_work" ] || rm -rf "$work"
}
trap cleanup EXIT

# the libFuzzer runtime is a separate package from clang on Debian
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n);\n%s\n' \
	'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }' \
	>"$work/probe.c"
clang -fsanitize=fuzzer,address,undefined "$work/probe.c" -o "$work/probe" >"$work/probe.log" 2>&1 ||
	skip "clang cannot link a libFuzzer program (apt-get install libclang-rt-14-dev): $(head -c 300 "$work/probe.log")"

echo "+ building the fuzz targets in $build"
if ! { cmake -S "$src" -B "$build" -DCMAKE_C_COMPILER=clang -DARCA_FUZZ=ON -DARCA_TESTS=OFF &&
	cmake --build "$build" -j"${ARCA_FUZZ_JOBS:-$(nproc)}" --target "${targets[@]/#/fuzz_}"; } \
	>"$work/build.log" 2>&1; then
	tail -n 40 "$work/build.log"
	echo "FAIL: fuzz: building the fuzz targets failed"
	exit 1
fi

# show INPUT: a reproducer, as text when it is printable, else as od -c
show() {
	local input=$1 size
	size=$(stat -c %s "$input")
	echo "---- $input ($size bytes)"
	if LC_ALL=C grep -q '[^[:print:][:space:]]' "$input" || [ "$size" -gt 4096 ]; then
		od -A d -c "$input" | head -n 40
	else
		cat "$input"
		echo
	fi
	echo "----"
}

# fuzz TARGET: one fuzzer run; 0 when nothing was found
fuzz() {
	local name=$1 bin="$build/tests/fuzz/fuzz_$1" out log seeds=("$here/corpus/$1")
	out=${ARCA_FUZZ_OUT:+$ARCA_FUZZ_OUT/$name}
	out=${out:-$work/new-$name}
	log=$work/$name.log
	mkdir -p "$out" "$work/artifacts-$name"
	[ -d "$here/crashes-found/$name" ] && seeds+=("$here/crashes-found/$name")
	echo "+ fuzz_$name for ${seconds}s (seeds: ${seeds[*]#"$src"/}; new inputs: $out)"
	# the first directory receives the new inputs; the seeds are only read
	"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
		-error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1 \
		-dict="$here/spec.dict" -artifact_prefix="$work/artifacts-$name/" \
		"$out" "${seeds[@]}" >"$log" 2>&1
	local rc=$?
	local found
	found=$(find "$work/artifacts-$name" -type f | sort)
	if [ "$rc" = 0 ] && [ -z "$found" ]; then
		grep -E '^#[0-9]+[[:space:]]+DONE|^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log"
		return 0
	fi
	keep_work=1
	echo "FAIL: fuzz: fuzz_$name exited with status $rc; the end of its log ($log):"
	grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|RELOAD)' "$log" | tail -n 60
	local f
	for f in $found; do
		show "$f"
		echo "reproduce: $bin $f"
	done
	return 1
}

failed=0
for t in "${targets[@]}"; do
	fuzz "$t" || failed=1
done
if [ "$failed" = 1 ]; then
	echo "FAIL: fuzz: the inputs and logs are kept in $work"
	exit 1
fi
echo "fuzz: ${#targets[@]} targets ran ${seconds}s each without a finding"
