#!/usr/bin/env bash
# Builds FinDesk and opens the desk window on the default embedded SQLite
# database (filled with demo data on the first start). Installs what is
# missing first. With no display it says so and runs the headless demo day.
# Arguments go to findesk (e.g. ./run.sh --db other.sqlite).
set -euo pipefail
cd "$(dirname "$0")"
. ./packages.sh

findesk_ensure_packages
findesk_build findesk
findesk=build/app/findesk

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$findesk" "$@"
fi

echo "No display (DISPLAY is not set), so no window: running the headless demo day instead." >&2
out=${FINDESK_DEMO_DIR:-$PWD/demo-day}
mkdir -p "$out"
db="$out/findesk-demo.sqlite"
rm -f "$db" "$db-wal" "$db-shm"
"$findesk" --db "$db" init --timezone Europe/London
"$findesk" --db "$db" demo
day=$("$findesk" --db "$db" snapshots --format csv | tail -n 1 | cut -d, -f2)
"$findesk" --db "$db" snapshots --from "$day" >"$out/snapshots-$day.txt"
for book in EQ-NY EGB-PAR REPO-LDN SECLEND-LDN; do
    "$findesk" --db "$db" ranking --book "$book" --date "$day" --format xlsx --output "$out/ranking-$book-$day.xlsx"
    "$findesk" --db "$db" ranking --book "$book" --date "$day" --format csv --output "$out/ranking-$book-$day.csv"
done
QT_QPA_PLATFORM=offscreen "$findesk" --db "$db" --screenshot "$out/desk.png" --tab ranking --book REPO-LDN 2>/dev/null || true

cat <<MSG

The demo day is in $out:
  findesk-demo.sqlite         the desk database (${day}'s snapshots every 10 minutes, a month of closes)
  snapshots-$day.txt     the end-of-day snapshots of $day
  ranking-<book>-$day.xlsx  collateral rankings, Excel
  ranking-<book>-$day.csv   the same as CSV
  desk.png                    the window, rendered offscreen
Try: $findesk --db $db ranking --book REPO-LDN --date $day
MSG
