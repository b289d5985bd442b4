#!/usr/bin/env bash
# Installs everything Wirescope needs to build, test and run on Debian 12.
# Idempotent: when every package is already present it changes nothing.
#   bash packaging/install-deps.sh                    Debian packages only
#   bash packaging/install-deps.sh --interop BUILD    also the third-party test servers' parts:
#                                                     grpc-js from the npm registry into BUILD/interop-node
#   bash packaging/install-deps.sh --sanitize [--interop BUILD]
#                                                     also clang with its sanitizer and libFuzzer runtimes
# The app and the CLI need neither node nor go at run time; only the interop tests do.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
interop_build=""
sanitize=""
while [ $# -gt 0 ]; do
  case "$1" in
    --interop) interop_build="${2:?--interop needs the build folder}"; shift 2 ;;
    --sanitize) sanitize=1; shift ;;
    *) echo "install-deps: unknown option $1" >&2; exit 2 ;;
  esac
done

packages=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev
  qt6-qpa-plugins libgl-dev
  libgrpc++-dev libgrpc-dev protobuf-compiler-grpc libabsl-dev libre2-dev
  libprotobuf-dev libprotoc-dev protobuf-compiler zlib1g-dev
  libqscintilla2-qt6-dev qtkeychain-qt6-dev
  openssl xvfb xauth fonts-dejavu-core
  dpkg-dev file desktop-file-utils appstream x11-apps imagemagick
  dbus-daemon gnome-keyring libsecret-1-0
  libxml2-utils
)
# grpc-go, built offline from Debian's Go sources (tests/interop/go/build.sh), for the
# interop tests only. golang-github-golang-protobuf-1-5-dev is named because apt would
# otherwise pick the older 1-3 that grpc's sources cannot use.
if [ -n "$interop_build" ]; then
  packages+=(golang-go golang-google-grpc-dev golang-google-genproto-dev golang-google-protobuf-dev
    golang-github-golang-protobuf-1-5-dev protoc-gen-go protoc-gen-go-grpc)
fi
# The sanitizer build and the fuzzers: clang, its ASan/UBSan/libFuzzer runtimes, and
# llvm-symbolizer so that a report names files and lines.
if [ -n "$sanitize" ]; then
  packages+=(clang-14 libclang-rt-14-dev llvm-14)
fi
# Node.js runs the grpc-js interop server. A machine may already have node from elsewhere
# (NodeSource's package conflicts with Debian's npm): then it is used as it is.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

install_interop() {
  [ -n "$interop_build" ] || return 0
  local dir="$interop_build/interop-node"
  local src="$here/tests/interop/node"
  mkdir -p "$dir"
  if [ -f "$dir/node_modules/.package-lock.json" ] && cmp -s "$src/package-lock.json" "$dir/package-lock.json"; then
    echo "install-deps: grpc-js interop server's modules present in $dir"
    return 0
  fi
  cp "$src/package.json" "$src/package-lock.json" "$dir/"
  echo "install-deps: npm ci into $dir"
  npm ci --prefix "$dir" --ignore-scripts --no-audit --no-fund --loglevel=error
}

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  install_interop
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
install_interop
