#!/usr/bin/env bash
# The newcomer's two commands, and what CI runs:
#   bash packaging/dev.sh run     install dependencies, build, launch the app on its demo server
#   bash packaging/dev.sh test    install dependencies, build, run every test
#   bash packaging/dev.sh headless  build without the widgets, run the headless tests (CI does too)
#   bash packaging/dev.sh sanitize  the whole suite under ASan + UBSan, then every fuzz target (CI does too)
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
sanitize=
[ "${CI:-}" = "true" ] && werror=ON

configure_and_build() {
  bash packaging/install-deps.sh ${sanitize:+--sanitize} ${interop:+--interop "$build"}
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
  sanitize)
    # Built with clang: AddressSanitizer and UBSan stop at the first error, and libFuzzer's
    # coverage is in every first-party object. -O1 keeps the build and the stacks quick.
    build="${build}-asan"
    interop=1
    sanitize=1
    export CC=clang-14 CXX=clang++-14
    configure_and_build -DWIRESCOPE_SANITIZE=ON "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only"
    supp="$here/tests/sanitizers"
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
    # gRPC's native resolver (getaddrinfo) instead of c-ares: c-ares leaves an allocation at
    # exit only when a lookup is in flight, and such a report, two frames deep, was now and
    # then not matched by its suppression (1 run in 6 of a TLS test). The c-ares line stays
    # in lsan.supp for runs without this.
    export GRPC_DNS_RESOLVER=native
    if command -v llvm-symbolizer-14 >/dev/null 2>&1; then
      export ASAN_SYMBOLIZER_PATH="$(command -v llvm-symbolizer-14)"
    fi
    ctest --test-dir "$build" --output-on-failure -j2 --timeout 600
    # Each fuzz target mutates its seed corpus for a fixed time; a crash fails the run and
    # prints its reproducer.
    bash tests/fuzz/run-fuzzers.sh "$build" "${WIRESCOPE_FUZZ_SECONDS:-60}"
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
    echo "usage: bash packaging/dev.sh run|test|headless|sanitize|bench|screenshots" >&2
    exit 2
    ;;
esac
