#!/usr/bin/env bash
# Builds FinDesk and runs every test (SQLite and PostgreSQL). Installs what
# is missing first. Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")"
. ./packages.sh

findesk_ensure_packages
findesk_build

# The repository tests also run on a throwaway PostgreSQL cluster.
root=$PWD
pg=$("$root/tests/pg_cluster.sh" start)
pg_dir=${pg%% *}
export FINDESK_TEST_PG_URL=${pg#* }
trap '"$root/tests/pg_cluster.sh" stop "$pg_dir"' EXIT

cd build
ctest --output-on-failure --verbose --timeout 600
