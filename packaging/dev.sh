#!/usr/bin/env bash
# The newcomer's two commands, and what CI runs:
#   bash packaging/dev.sh run     install dependencies, build, launch the app on its demo server
#   bash packaging/dev.sh test    install dependencies, build, run every test
#   bash packaging/dev.sh headless  build without the widgets, run the headless tests (CI does too)
#   bash packaging/dev.sh bench   build and run the benchmark program
#   bash packaging/dev.sh screenshots [DIR]   regenerate the README's screenshots under xvfb-run
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
build="${WIRESCOPE_BUILD_DIR:-build}"
# ccache hits across clones in other folders (CI builds a fresh clone): paths are made
# relative to the source tree, and debug info does not pin the build's own folder.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$here}"
export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"
werror=OFF
interop=
[ "${CI:-}" = "true" ] && werror=ON

configure_and_build() {
  bash packaging/install-deps.sh ${interop:+--interop "$build"}
  cmake -G Ninja -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWIRESCOPE_WERROR="$werror" "$@"
  cmake --build "$build"
}

case "${1:-}" in
  run)
    configure_and_build
    exec "$build/app/wirescope"
    ;;
  test)
    interop=1 # the third-party servers the interop tests run against
    configure_and_build
    ctest --test-dir "$build" --output-on-failure -j2 --timeout 300
    ;;
  headless)
    # Everything but the widgets (qBittorrent's proof that the layers split): model, rpc,
    # the CLI and every headless test, built without QtWidgets.
    build="${build}-headless"
    interop=1
    configure_and_build -DWIRESCOPE_BUILD_GUI=OFF
    ctest --test-dir "$build" --output-on-failure -j2 --timeout 300
    ;;
  screenshots)
    configure_and_build
    WIRESCOPE_BUILD_DIR="$build" bash packaging/screenshots.sh "${@:2}"
    ;;
  bench)
    configure_and_build
    "$build/tests/bench/wirescope_bench" "${@:2}"
    ;;
  *)
    echo "usage: bash packaging/dev.sh run|test|headless|bench|screenshots" >&2
    exit 2
    ;;
esac
