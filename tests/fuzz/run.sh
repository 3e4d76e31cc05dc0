#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, build-fuzz/) and runs each for
# SECONDS (default 20): `tests/fuzz/run.sh 600` runs ten minutes each.
# The seeds are tests/fuzz/corpus/<target>/ (never written to); what the
# fuzzer learns goes to build-fuzz/corpus/<target>/ and a crash to
# build-fuzz/findings/. Exits non-zero on a finding.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
targets=(fuzz_csvreader fuzz_values fuzz_import)

# -Werror stays with the g++ builds (CI): clang has warnings of its own and
# a new one must not stop the fuzzing.
generator=()
command -v ninja >/dev/null 2>&1 && [ ! -f build-fuzz/CMakeCache.txt ] && generator=(-G Ninja)
cmake -S . -B build-fuzz "${generator[@]}" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS="-O1 -g" \
    -DFINDESK_FUZZ=ON -DFINDESK_BUILD_TESTS=OFF -DFINDESK_WERROR=OFF >&2
cmake --build build-fuzz -j"$(nproc)" $(printf -- '--target %s ' "${targets[@]}") >&2

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8
mkdir -p build-fuzz/findings
status=0
for t in "${targets[@]}"; do
    mkdir -p "build-fuzz/corpus/$t"
    echo "== $t: ${seconds}s" >&2
    if ! "build-fuzz/tests/fuzz/$t" -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=2048 \
            -print_final_stats=1 -artifact_prefix="build-fuzz/findings/$t-" \
            "build-fuzz/corpus/$t" "tests/fuzz/corpus/$t" 2> "build-fuzz/$t.log"; then
        status=1
        tail -n 60 "build-fuzz/$t.log" >&2
    fi
    grep -E '^stat::number_of_executed_units|^stat::new_units_added' "build-fuzz/$t.log" | sed "s/^/$t /" >&2 || true
done
exit $status
