#!/usr/bin/env bash
# Fuzzes every libFuzzer target of a sanitizer build for a fixed time, as CI does:
#
#     tests/fuzz/run-fuzzers.sh BUILD_DIR [SECONDS_PER_TARGET]     (default 60 s)
#
# Each target starts from a fresh copy of its seed corpus in a temporary folder (the seeds
# in the source tree are never written to). Two targets run at a time (WIRESCOPE_FUZZ_JOBS
# changes that), so the whole run takes about targets x SECONDS / 2. A target that crashes,
# leaks, hangs past 10 s on one input or grows past 2 GB fails; after every target has run,
# each failure is printed with its log, its reproducer's bytes (base64 and hex) and the
# command that runs it again, and the script exits 1. It exits 2 when BUILD_DIR holds no
# libFuzzer binaries (a gcc build, or one without WIRESCOPE_SANITIZE).
set -uo pipefail

usage() {
  echo "usage: $0 BUILD_DIR [SECONDS_PER_TARGET]" >&2
  exit 2
}
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  usage
fi
build=$1
seconds=${2:-60}
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || usage
jobs=${WIRESCOPE_FUZZ_JOBS:-2}
here=$(cd "$(dirname "$0")" && pwd)
fuzz_dir="$build/tests/fuzz"

# libFuzzer binaries carry its messages; the standalone driver (FuzzMain.cpp) does not.
targets=()
for binary in "$fuzz_dir"/wirescope_fuzz_*; do
  if [ ! -f "$binary" ] || [ ! -x "$binary" ]; then
    continue
  fi
  if grep -aq 'INFO: Seed: ' "$binary"; then
    targets+=("$binary")
  else
    echo "$0: $binary is not a libFuzzer binary" >&2
  fi
done
if [ ${#targets[@]} -eq 0 ]; then
  echo "$0: no libFuzzer binaries in $fuzz_dir: configure with clang and -DWIRESCOPE_SANITIZE=ON" >&2
  exit 2
fi

# Defaults first: options already in the environment come later and win.
supp="$here/../sanitizers"
asan="detect_leaks=1:abort_on_error=1:symbolize=1"
ubsan="print_stacktrace=1:halt_on_error=1"
[ -f "$supp/ubsan.supp" ] && ubsan="$ubsan:suppressions=$supp/ubsan.supp"
lsan="print_suppressions=0"
[ -f "$supp/lsan.supp" ] && lsan="$lsan:suppressions=$supp/lsan.supp"
export ASAN_OPTIONS="$asan${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="$ubsan${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LSAN_OPTIONS="$lsan${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ]; then
  for symbolizer in llvm-symbolizer-14 llvm-symbolizer; do
    if command -v "$symbolizer" >/dev/null; then
      ASAN_SYMBOLIZER_PATH=$(command -v "$symbolizer")
      export ASAN_SYMBOLIZER_PATH
      break
    fi
  done
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/wirescope-fuzz.XXXXXX")

# The seed folder CMake recorded next to the binary; else the one named after it.
corpus_of() {
  local binary=$1 name
  if [ -f "$binary.corpus" ]; then
    head -n 1 "$binary.corpus"
  else
    name=$(basename "$binary")
    echo "$here/corpus/${name#wirescope_fuzz_}"
  fi
}

# Runs one target in its own folder under $work; its exit status lands in NAME/status.
fuzz_one() {
  local binary=$1 name dir seeds
  name=$(basename "$binary")
  dir="$work/$name"
  seeds=$(corpus_of "$binary")
  mkdir -p "$dir/corpus" "$dir/artifacts"
  if [ -d "$seeds" ]; then
    cp -r "$seeds"/. "$dir/corpus/"
    # Seeds kept elsewhere in the tree, one per line after the folder.
    if [ -f "$binary.corpus" ]; then
      tail -n +2 "$binary.corpus" | while IFS= read -r extra; do
        [ -n "$extra" ] && cp "$extra" "$dir/corpus/seed-$(basename "$extra")"
      done
    fi
  else
    echo "$0: no seed folder $seeds for $name; starting from nothing" >"$dir/log"
  fi
  # The outer timeout only catches a target that never gets to fuzzing; libFuzzer ends
  # itself after -max_total_time, and -timeout catches one slow input.
  timeout --kill-after=30 $((seconds + 300)) "$binary" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$dir/artifacts/" -print_final_stats=1 "$dir/corpus" >>"$dir/log" 2>&1
  echo $? >"$dir/status"
}

echo "fuzzing ${#targets[@]} targets for ${seconds}s each, $jobs at a time, in $work"
for binary in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
    wait -n
  done
  fuzz_one "$binary" &
done
wait

failed=0
for binary in "${targets[@]}"; do
  name=$(basename "$binary")
  dir="$work/$name"
  status=$(cat "$dir/status" 2>/dev/null || echo "?")
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$dir/log" | grep -o '[0-9]*$' | tail -n 1)
  if [ "$status" = 0 ]; then
    echo "ok      $name (${runs:-?} runs)"
    continue
  fi
  failed=1
  echo
  echo "FAILED  $name (exit status $status)"
  echo "--- the end of its log ($dir/log):"
  tail -n 80 "$dir/log"
  reproducer=$(find "$dir/artifacts" -type f | sort | head -n 1)
  if [ -z "$reproducer" ]; then
    echo "--- no reproducer was written; run it again with:"
    echo "    $binary -max_total_time=$seconds -timeout=10 -rss_limit_mb=2048 $(corpus_of "$binary")"
    continue
  fi
  size=$(wc -c <"$reproducer")
  echo "--- reproducer $(basename "$reproducer"), $size bytes (first 4096 shown), base64:"
  head -c 4096 "$reproducer" | base64 -w 76
  echo "--- hex:"
  head -c 4096 "$reproducer" | od -A x -t x1z -v
  echo "--- to run it again (save the base64 above as crash.b64 if this folder is gone;"
  echo "    WIRESCOPE_FUZZ_VERBOSE=1 shows the warnings the targets keep quiet):"
  echo "    base64 -d crash.b64 > crash.bin"
  echo "    ASAN_OPTIONS='$ASAN_OPTIONS' UBSAN_OPTIONS='$UBSAN_OPTIONS' LSAN_OPTIONS='$LSAN_OPTIONS' \\"
  echo "      $binary -timeout=10 -rss_limit_mb=2048 crash.bin"
  echo "    (here: $binary -timeout=10 -rss_limit_mb=2048 $reproducer)"
done

if [ "$failed" = 0 ]; then
  rm -rf "$work"
  exit 0
fi
echo
echo "some fuzz targets failed; their folders are kept in $work"
exit 1
