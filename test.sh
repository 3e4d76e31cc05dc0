#!/usr/bin/env bash
# Builds FinDesk and runs every test (SQLite and PostgreSQL), then the same
# suite again built with AddressSanitizer + UndefinedBehaviorSanitizer, then
# each libFuzzer target for a short while when clang is there. Installs what
# is missing first. Exits non-zero when anything fails or a sanitizer
# reports. FINDESK_FUZZ_SECONDS (default 20) is each fuzzer's time.
set -euo pipefail
cd "$(dirname "$0")"
. ./packages.sh

findesk_ensure_packages
findesk_build

# The repository tests also run on a throwaway PostgreSQL cluster, each test
# program in a database of its own there, so ctest runs them side by side.
root=$PWD
pg=$("$root/tests/pg_cluster.sh" start)
pg_dir=${pg%% *}
export FINDESK_TEST_PG_URL=${pg#* }
trap '"$root/tests/pg_cluster.sh" stop "$pg_dir"' EXIT

jobs=$(nproc)
(cd build && ctest --output-on-failure --verbose --timeout 600 -j"$jobs")

# The whole suite again under ASan + UBSan (build-asan/, no benchmarks): any
# report fails its test (a child findesk that leaks exits 23, one that hits
# undefined behaviour stops). No suppressions: Qt's own allocations are
# freed or still reachable at exit, and LSan reports nothing.
echo "== sanitizers (ASan + UBSan): build-asan" >&2
findesk_build_sanitized
(
    export ASAN_OPTIONS=detect_leaks=1
    export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    # Not tst_crashsafety: it SIGKILLs its children, which can report
    # nothing, and checks the file's integrity, which the plain pass did
    # (85 s of the sanitized pass, which keeps ./test.sh under 30 minutes).
    cd build-asan && ctest --output-on-failure --timeout 900 -j"$jobs" -E tst_crashsafety
)

if command -v clang++ >/dev/null 2>&1; then
    echo "== fuzzing: ${FINDESK_FUZZ_SECONDS:-20}s per target" >&2
    tests/fuzz/run.sh "${FINDESK_FUZZ_SECONDS:-20}"
else
    echo "== fuzzing skipped: no clang++ (packages.sh installs it)" >&2
fi
