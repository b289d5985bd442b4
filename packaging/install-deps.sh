#!/usr/bin/env bash
# Installs everything Wirescope needs to build, test and run on Debian 12.
# Idempotent: when every package is already present it changes nothing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev libqt6charts6-dev libqt6svg6-dev libqt6opengl6-dev
  qt6-qpa-plugins libgl-dev
  libgrpc++-dev libgrpc-dev protobuf-compiler-grpc
  libprotobuf-dev libprotoc-dev protobuf-compiler zlib1g-dev
  libqscintilla2-qt6-dev qtkeychain-qt6-dev
  openssl xvfb xauth fonts-dejavu-core
  dpkg-dev file desktop-file-utils appstream x11-apps imagemagick
  dbus-daemon gnome-keyring libsecret-1-0
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
