#!/bin/sh
# Builds the Debian package of a build folder with `cpack -G DEB` and checks
# it: its control data, the files it installs, and that the installed
# program runs (unpacked into a throwaway root, nothing installed).
# Usage: package_deb.sh BUILD_DIR VERSION
set -eu
build=$1
version=$2
cd "$build"
rm -f findesk_*.deb
cpack -G DEB >/dev/null
deb=findesk_${version}_$(dpkg --print-architecture).deb
test -f "$deb" || { echo "no $deb"; exit 1; }

info=$(dpkg-deb -I "$deb")
for field in "Package: findesk" "Version: $version" "libqt6widgets6" "libqt6sql6-sqlite" "qt6-qpa-plugins"; do
    echo "$info" | grep -q -- "$field" || { echo "control lacks: $field"; exit 1; }
done
files=$(dpkg-deb -c "$deb")
for path in ./usr/bin/findesk ./usr/share/applications/findesk.desktop \
            ./usr/share/icons/hicolor/scalable/apps/findesk.svg \
            ./usr/share/doc/findesk/docs/file-formats.md ./usr/share/doc/findesk/docs/how-values-are-computed.md; do
    echo "$files" | grep -q -- " $path\$" || { echo "package lacks: $path"; exit 1; }
done

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"
out=$("$root/usr/bin/findesk" --version)
[ "$out" = "findesk $version" ] || { echo "--version said: $out"; exit 1; }
QT_QPA_PLATFORM=offscreen "$root/usr/bin/findesk" --db "$root/desk.sqlite" init --timezone Europe/London >/dev/null 2>&1
echo "$deb: control, files and the installed findesk --version ($out) are right"
