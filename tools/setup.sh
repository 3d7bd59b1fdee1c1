#!/usr/bin/env bash
# Installs what Uketsuke needs from Debian 12, builds it, and runs one job:
#   tools/setup.sh demo   build and start the kiosk on the demo event (under Xvfb if there is no display)
#   tools/setup.sh test   build, run the whole test suite (also under ASan/UBSan, with fuzzing),
#                         build the .deb and check it (lintian, systemd-analyze)
#   tools/setup.sh build  build only
#   tools/setup.sh bench  build optimized and run the benchmarks
# Idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
job=${1:-demo}
jobs=$(nproc)
# Let ccache hit across clones in different folders (CI builds a fresh clone).
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true

packages=(
  build-essential cmake ninja-build pkg-config ccache git
  libsqlite3-dev libsodium-dev libicu-dev libqrencode-dev libstb-dev
  libtomlplusplus-dev libcli11-dev libfmt-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libsdl2-dev libimgui-dev libzxing-dev libzbar-dev libturbojpeg0-dev libfontconfig-dev libfreetype-dev
  fonts-noto-cjk xvfb xauth
  clang libclang-rt-14-dev clang-format
  sqlite3 bc procps
  postgresql libpq-dev
  lintian systemd
  libcairo2-dev libpango1.0-dev libcups2-dev poppler-utils cups-daemon cups-client
  libzip-dev libexpat1-dev
)

install_packages() {
  local missing=()
  for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return
  fi
  echo "== installing from Debian: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# The normal build (g++). Warnings are errors in CI. With target names, only those (the demo
# needs the kiosk and the CLI, not the tests and benchmarks: a first demo is minutes sooner).
build_main() {
  local werror=OFF
  if [ "${CI:-}" = "true" ]; then werror=ON; fi
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DUKETSUKE_WERROR="$werror" >/dev/null
  if [ $# -gt 0 ]; then
    cmake --build build -j "$jobs" --target "$@"
  else
    cmake --build build -j "$jobs"
  fi
}

# The same code under clang with AddressSanitizer + UndefinedBehaviorSanitizer, plus
# the libFuzzer targets, each fuzzed briefly as part of ctest.
build_sanitized() {
  cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DUKETSUKE_SANITIZE=ON -DUKETSUKE_FUZZ=ON -DUKETSUKE_BENCH=OFF -DUKETSUKE_WERROR=ON \
    -DUKETSUKE_FUZZ_SECONDS="${UKETSUKE_FUZZ_SECONDS:-30}" >/dev/null
  cmake --build build-sanitize -j "$jobs"
}

# Every C++ file git knows must be as clang-format (Debian 12: version 14) would write it,
# by the repository's .clang-format. Prints the files that are off and how to fix them;
# returns non-zero if any is.
check_format() {
  echo "== formatting ($(clang-format --version | sed 's/.*version //'), .clang-format)"
  local files=()
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -d '' files < <(git ls-files -z '*.cpp' '*.hpp' '*.h')
  else
    mapfile -d '' files < <(find kiosk platform tools tests \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) -print0)
  fi
  local off
  off=$(printf '%s\0' "${files[@]}" |
    xargs -0 -P "$jobs" -n 16 sh -c 'for f; do clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || echo "$f"; done' sh |
    sort)
  if [ -z "$off" ]; then
    echo "${#files[@]} files formatted"
    return 0
  fi
  echo "not formatted by .clang-format ($(echo "$off" | wc -l) of ${#files[@]} files):"
  echo "$off" | sed 's/^/  /'
  echo "see what is off:  clang-format --dry-run FILE"
  echo "fix them:         clang-format -i $(echo "$off" | paste -sd ' ')"
  return 1
}

install_packages

case "$job" in
  build)
    build_main
    ;;
  demo)
    build_main uketsuke-kiosk uketsuke
    demo_dir="$root/demo-event"
    kiosk=./build/kiosk/app/uketsuke-kiosk
    if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
      echo "== starting the kiosk on the demo event (close the window to stop)"
      "$kiosk" --demo --demo-dir "$demo_dir" --windowed 1280x800
    else
      # No screen here (a server, CI): run the real window on a virtual display for
      # 40 seconds, keep a screenshot of every screen, then show what happened.
      # A fresh event each time: the demo frames show the same six tickets, and on a reused
      # event a second run would only show "already checked in".
      echo "== no display: running the kiosk under Xvfb on a fresh demo event; screenshots go to $demo_dir/screenshots"
      rm -rf "$demo_dir"
      mkdir -p "$demo_dir/screenshots"
      SDL_AUDIODRIVER=dummy xvfb-run -a -s "-screen 0 1280x800x24" "$kiosk" --demo --demo-dir "$demo_dir" \
        --windowed 1280x800 --screenshot-dir "$demo_dir/screenshots" --events-out "$demo_dir/kiosk-events.jsonl" \
        --set camera.frames_loop=false --exit-when-idle 3 --exit-after 60
      ls "$demo_dir/screenshots"
      echo
      ./build/tools/uketsuke/uketsuke --event "$demo_dir/event.db" report
      echo
      ./build/tools/uketsuke/uketsuke attendance "$demo_dir/event.db"
    fi
    ;;
  test)
    # A formatting slip fails the run, but the tests still run: one run shows everything
    # that is wrong, and the verdict is repeated at the end where it cannot scroll away.
    status=0
    format_status=0
    check_format || format_status=1
    build_main
    echo "== tests (g++ build)"
    (cd build && ctest --output-on-failure -j "$jobs" --timeout 600) || status=1
    echo "== the Debian package (cpack, lintian, systemd-analyze)"
    rm -f build/uketsuke_*.deb
    if (cd build && cpack -G DEB >/dev/null); then
      sh packaging/check-package.sh build/uketsuke_*.deb || status=1
    else
      echo "cpack -G DEB failed"
      status=1
    fi
    build_sanitized
    echo "== tests under AddressSanitizer + UndefinedBehaviorSanitizer, and fuzzing"
    (cd build-sanitize && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
       LSAN_OPTIONS="suppressions=$root/tests/lsan.supp" \
       ctest --output-on-failure -j "$jobs" --timeout 900) || status=1
    if [ $format_status -ne 0 ]; then
      echo "== FAILED: some C++ files are not formatted (listed under \"== formatting\" above)"
      status=1
    fi
    exit $status
    ;;
  bench)
    cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build build-release -j "$jobs"
    for bench in build-release/tests/bench/*_bench; do
      echo "== $bench"
      "$bench" --benchmark_min_time=0.5
    done
    ;;
  *)
    echo "usage: tools/setup.sh [demo|test|build|bench]" >&2
    exit 2
    ;;
esac
