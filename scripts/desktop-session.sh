#!/usr/bin/env bash
# Runs a command inside a throwaway desktop session: its own D-Bus session bus, a gnome-keyring
# unlocked with a test password, an Xvfb display, and a temporary HOME (so the user's real
# keychain and config are never touched).
# Usage: scripts/desktop-session.sh COMMAND [ARGS...]
set -euo pipefail
session_home=$(mktemp -d -t keywarden-session.XXXXXX)
trap 'rm -rf "$session_home"' EXIT
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export PATH="$CARGO_HOME/bin:$PATH"
dbus-run-session -- env HOME="$session_home" XDG_CONFIG_HOME="$session_home/.config" \
  XDG_DATA_HOME="$session_home/.local/share" XDG_CACHE_HOME="$session_home/.cache" \
  XDG_STATE_HOME="$session_home/.local/state" \
  bash -c '
    eval "$(printf %s keywarden-test | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK
    exec xvfb-run -a -s "-screen 0 1280x800x24" "$@"
  ' desktop-session "$@"
