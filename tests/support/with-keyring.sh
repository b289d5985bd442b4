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
# The daemon may take its name on the bus a moment after it answers: a test that asks before
# then finds no keychain. Wait for the name (10 s at most), then run.
for _ in $(seq 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
        break
    fi
    sleep 0.1
done
"$@"
