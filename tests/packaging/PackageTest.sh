#!/usr/bin/env bash
# Builds the .deb with CPack, unpacks it into a scratch root, checks the desktop
# integration files and runs the installed binary: --version, --help and the CLI.
# Usage: PackageTest.sh BUILD_DIR PROTOSET static|shared (how gRPC and protobuf are linked)
set -euo pipefail
build="$1"
protoset="$2"
grpc_linked="$3"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

cpack --config "$build/CPackConfig.cmake" -B "$scratch/out" > "$scratch/cpack.log" 2>&1 || { cat "$scratch/cpack.log"; exit 1; }
deb="$(ls "$scratch"/out/*.deb)"
echo "package: $(basename "$deb")"

depends="$(dpkg-deb -f "$deb" Depends)"
echo "depends: $depends"
for lib in libqt6core6 libqscintilla2-qt6; do
  grep -q "$lib" <<< "$depends" || { echo "Depends lacks $lib"; exit 1; }
done
# Linked statically, gRPC, Abseil and protobuf are in the binary and no dependency of the
# package, while OpenSSL (which they use) is one; linked shared, gRPC brings OpenSSL along.
for lib in libgrpc++1.51 libprotobuf32 libabsl20220623; do
  if [ "$grpc_linked" = static ]; then
    ! grep -q "$lib" <<< "$depends" || { echo "Depends has $lib, which the binary holds"; exit 1; }
  else
    grep -q "$lib" <<< "$depends" || { echo "Depends lacks $lib"; exit 1; }
  fi
done
if [ "$grpc_linked" = static ]; then
  grep -q libssl3 <<< "$depends" || { echo "Depends lacks libssl3"; exit 1; }
fi

root="$scratch/root"
dpkg-deb -x "$deb" "$root"
app_id=io.github.wirescope.Wirescope
for file in usr/bin/wirescope \
            "usr/share/applications/$app_id.desktop" \
            "usr/share/metainfo/$app_id.metainfo.xml" \
            "usr/share/icons/hicolor/scalable/apps/$app_id.svg" \
            "usr/share/icons/hicolor/48x48/apps/$app_id.png" \
            "usr/share/icons/hicolor/256x256/apps/$app_id.png" \
            usr/share/mime/packages/wirescope.xml; do
  [ -s "$root/$file" ] || { echo "missing from the package: $file"; exit 1; }
done
file "$root/usr/share/icons/hicolor/48x48/apps/$app_id.png" | grep -q "48 x 48" || { echo "48x48 icon has the wrong size"; exit 1; }
desktop-file-validate "$root/usr/share/applications/$app_id.desktop"
appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml" > /dev/null

bin="$root/usr/bin/wirescope"
version="$("$bin" --version)"
[ "$version" = "wirescope $(dpkg-deb -f "$deb" Version)" ] || { echo "version mismatch: $version"; exit 1; }
grep -q "<release version=\"${version#wirescope }\"" "$root/usr/share/metainfo/$app_id.metainfo.xml" \
  || { echo "the metainfo's release is not $version"; exit 1; }
# Read once: `--help | grep -q` under pipefail fails when grep exits before the help is written.
help="$("$bin" --help)"
for word in list describe call inspect run mock serve-demo --plaintext --proto --protoset --import-path --sizes \
            --collection --env --max-time --connect-timeout --format --version --junit --stubs; do
  grep -q -- "$word" <<<"$help" || { echo "--help does not document $word"; exit 1; }
done
grep -q "wirescope call TARGET" <<<"$help" || { echo "--help does not document call"; exit 1; }
"$bin" list --protoset "$protoset" | grep -qx "wirescope.demo.v1.DemoService" || { echo "installed CLI cannot list"; exit 1; }
echo "installed package works: $version"
