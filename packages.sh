# Sourced by run.sh and test.sh: makes sure the Debian packages FinDesk
# builds, runs and tests with are installed.
FINDESK_PACKAGES="cmake g++ make pkg-config qt6-base-dev qt6-charts-dev libqt6opengl6-dev
libqt6sql6-sqlite libqt6sql6-psql qt6-tools-dev qt6-l10n-tools qt6-svg-dev
libxlsxwriter-dev libsqlite3-dev libpq-dev zlib1g-dev postgresql xvfb xauth imagemagick
fonts-dejavu-core clang libclang-rt-14-dev"

findesk_ensure_packages() {
    local missing=() p
    for p in $FINDESK_PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0

    local apt=(env DEBIAN_FRONTEND=noninteractive apt-get)
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            apt=(sudo env DEBIAN_FRONTEND=noninteractive apt-get)
        else
            echo "FinDesk needs these Debian packages, and installing them needs root:" >&2
            echo "  sudo apt-get install -y ${missing[*]}" >&2
            return 1
        fi
    fi
    echo "Installing: ${missing[*]}" >&2
    if ! "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >&2; then
        # Package lists of a fresh machine may be stale or empty.
        "${apt[@]}" update >&2
        "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >&2
    fi
}

# The sanitizer build (test.sh): ASan + UBSan with g++ into build-asan/,
# without benchmarks; arguments are build targets (none: everything).
findesk_build_sanitized() {
    local generator=() targets=()
    command -v ninja >/dev/null 2>&1 && [ ! -f build-asan/CMakeCache.txt ] && generator=(-G Ninja)
    for t in "$@"; do targets+=(--target "$t"); done
    cmake -S . -B build-asan "${generator[@]}" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 \
        -DFINDESK_SANITIZE=ON -DFINDESK_BUILD_BENCHMARKS=OFF >&2
    cmake --build build-asan -j"$(nproc)" "${targets[@]}" >&2
}

# Configures and builds into build/ (Release unless FINDESK_BUILD_TYPE says);
# arguments are build targets (none: everything).
findesk_build() {
    local generator=() targets=()
    command -v ninja >/dev/null 2>&1 && [ ! -f build/CMakeCache.txt ] && generator=(-G Ninja)
    for t in "$@"; do targets+=(--target "$t"); done
    cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE="${FINDESK_BUILD_TYPE:-Release}" >&2
    cmake --build build -j"$(nproc)" "${targets[@]}" >&2
}
