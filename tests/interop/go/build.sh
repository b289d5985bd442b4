#!/usr/bin/env bash
# Builds the grpc-go interop peer (server.go + code generated from
# tests/interop/proto/peer/v1/peer.proto) into OUTDIR/peer-go-server.
#
# Offline: GOPATH mode against the Go sources Debian installs under
# /usr/share/gocode; no Go module proxy, no network.
#
# Debian 12 packages needed (install them explicitly: apt would otherwise
# satisfy grpc's "golang-github-golang-protobuf-1-3-dev | ...-1-5-dev" with
# 1.3, which conflicts with 1.5 and is too old for this code):
#   golang-go                              (Go 1.19)
#   golang-google-grpc-dev                 (grpc-go 1.33.3, reflection v1alpha)
#   golang-google-genproto-dev             (googleapis/rpc/errdetails)
#   golang-google-protobuf-dev             (google.golang.org/protobuf 1.28.1)
#   golang-github-golang-protobuf-1-5-dev  (github.com/golang/protobuf 1.5.2)
#   protoc-gen-go                          (protoc-gen-go v1.28.1)
#   protoc-gen-go-grpc                     (protoc-gen-go-grpc 1.0, from grpc-go 1.33.3)
#   protobuf-compiler                      (protoc)
#   libprotobuf-dev                        (google/protobuf/*.proto)
#
# Usage: tests/interop/go/build.sh OUTDIR
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROTO_ROOT="$(cd "$HERE/../proto" && pwd)"
GOCODE=/usr/share/gocode/src
mkdir -p "$1"
OUTDIR="$(cd "$1" && pwd)"

# ---- check prerequisites: every missing one is reported with its package ----
missing=()
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing+=("$2 (command $1)"); }
need_path() { [ -e "$1" ] || missing+=("$2 ($1)"); }
need_cmd go golang-go
need_cmd protoc protobuf-compiler
need_cmd protoc-gen-go protoc-gen-go
need_cmd protoc-gen-go-grpc protoc-gen-go-grpc
need_path /usr/include/google/protobuf/any.proto libprotobuf-dev
need_path "$GOCODE/google.golang.org/grpc/reflection/serverreflection.go" golang-google-grpc-dev
need_path "$GOCODE/google.golang.org/genproto/googleapis/rpc/errdetails" golang-google-genproto-dev
need_path "$GOCODE/google.golang.org/protobuf/types/known/anypb" golang-google-protobuf-dev
# registry.go exists only in github.com/golang/protobuf >= 1.4 (Debian: the 1-5 package).
need_path "$GOCODE/github.com/golang/protobuf/proto/registry.go" golang-github-golang-protobuf-1-5-dev
need_path "$GOCODE/golang.org/x/net/http2" golang-golang-x-net-dev
if [ ${#missing[@]} -gt 0 ]; then
  echo "build.sh: cannot build peer-go-server, missing Debian package(s):" >&2
  for m in "${missing[@]}"; do echo "  $m" >&2; done
  echo "install with: apt-get install -y golang-go golang-google-grpc-dev golang-google-genproto-dev" \
       "golang-google-protobuf-dev golang-github-golang-protobuf-1-5-dev protoc-gen-go" \
       "protoc-gen-go-grpc protobuf-compiler libprotobuf-dev" >&2
  exit 1
fi

# ---- offline GOPATH build ----
export GO111MODULE=off
export GOPATH=/usr/share/gocode
export GOFLAGS=
export GOPROXY=off
export GOTOOLCHAIN=local
export CGO_ENABLED=0
if [ -z "${GOCACHE:-}" ]; then
  GOCACHE="$(go env GOCACHE 2>/dev/null || true)"
  case "$GOCACHE" in ""|off) GOCACHE="$OUTDIR/.peer-go-cache" ;; esac
  export GOCACHE
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/peer-go-build.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# Generated code goes into package main next to server.go. peer.proto has no
# go_package option, so the M flag supplies one ("import path;package name").
MAP="Mpeer/v1/peer.proto=wirescope.test/peer/v1;main"
protoc -I "$PROTO_ROOT" -I /usr/include \
  --go_out="$WORK" --go_opt=paths=source_relative,"$MAP" \
  --go-grpc_out="$WORK" --go-grpc_opt=paths=source_relative,"$MAP" \
  peer/v1/peer.proto
mkdir -p "$WORK/src"
mv "$WORK/peer/v1/peer.pb.go" "$WORK/peer/v1/peer_grpc.pb.go" "$WORK/src/"
cp "$HERE/server.go" "$WORK/src/"

(cd "$WORK/src" && go build -trimpath -ldflags "-s -w" -o "$WORK/peer-go-server" .)
mv -f "$WORK/peer-go-server" "$OUTDIR/peer-go-server"
echo "built $OUTDIR/peer-go-server"
