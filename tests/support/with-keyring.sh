#!/usr/bin/env bash
# Runs a command against a real system keychain: a private D-Bus session (start this
# script under dbus-run-session) with a gnome-keyring whose login keyring is unlocked, in a
# throwaway HOME so nothing touches the user's own keyring.
set -euo pipefail
HOME="$(mktemp -d)"
export HOME
trap 'rm -rf "$HOME"' EXIT
# The daemon prints the variables its clients need; the password unlocks a new keyring.
eval "$(printf 'wirescope-test\n' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
