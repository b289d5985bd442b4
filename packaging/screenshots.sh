#!/usr/bin/env bash
# Regenerates the README's and the manual's screenshots with the project's own program,
# on a real X server (Xvfb), the way CI checks them:
#   bash packaging/screenshots.sh [OUTDIR]      default OUTDIR: resources/screenshots
# Runs the built gui_screenshots test ($WIRESCOPE_BUILD_DIR/tests/gui_screenshots, build
# dir default "build"; $WIRESCOPE_SCREENSHOTS_BIN names the binary directly) under
# xvfb-run with the xcb platform. The shots go to a scratch folder first and reach OUTDIR
# only when the program passed (it fails when a main view renders empty) and every
# expected PNG was written, so OUTDIR never mixes fresh and stale pictures.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${WIRESCOPE_BUILD_DIR:-build}"
case "$build" in /*) ;; *) build="$here/$build" ;; esac
binary="${WIRESCOPE_SCREENSHOTS_BIN:-$build/tests/gui_screenshots}"
outdir="${1:-$here/resources/screenshots}"

expected=(
  main-unary.png bidi-stream.png server-stream.png frames-timeline.png sizes.png
  form.png import-errors.png schema-sources.png main-dark.png wire-inspector.png tour.png collections.png history.png
  load-tab.png lesson-presenter.png compare-encodings.png schema-evolution.png
)

if [ ! -x "$binary" ]; then
  echo "screenshots: $binary is missing; build it first: cmake --build $build --target gui_screenshots" >&2
  exit 1
fi
if ! command -v xvfb-run > /dev/null; then
  echo "screenshots: xvfb-run is missing (Debian: apt-get install xvfb xauth)" >&2
  exit 1
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/shots"

# -a picks a free display, so parallel runs do not collide.
status=0
env -u WAYLAND_DISPLAY QT_QPA_PLATFORM=xcb \
  WIRESCOPE_SCREENSHOT_DIR="$scratch/shots" \
  xvfb-run -a -s "-screen 0 1600x1000x24" "$binary" -platform xcb || status=$?
if [ "$status" -ne 0 ]; then
  echo "screenshots: gui_screenshots failed (exit $status)" >&2
  exit 1
fi

missing=0
for name in "${expected[@]}"; do
  file="$scratch/shots/$name"
  # A PNG starts with \x89PNG; an empty or truncated file is as bad as none.
  if [ ! -s "$file" ] || [ "$(head -c 4 "$file" | tail -c 3)" != "PNG" ]; then
    echo "screenshots: $name was not written" >&2
    missing=1
  fi
done
[ "$missing" -eq 0 ] || exit 1

mkdir -p "$outdir"
for name in "${expected[@]}"; do
  cp "$scratch/shots/$name" "$outdir/$name"
done
echo "screenshots: ${#expected[@]} PNGs in $outdir"
