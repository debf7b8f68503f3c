#!/usr/bin/env bash
# Installs whatever is missing to build, run and test Keywarden on Debian/Ubuntu.
# Usage: scripts/setup.sh [run|test|bundle]   (test also installs tauri-driver and Wine; test and
# bundle the Windows cross-build tools)
# A second run finds everything in place and changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-run}"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_packages=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev
  libsoup-3.0-dev libssl-dev libdbus-1-dev
  gnome-keyring libsecret-tools dbus-x11 at-spi2-core
)
if [ "$purpose" = test ]; then
  apt_packages+=(xvfb xauth webkit2gtk-driver xclip fonts-noto-color-emoji stress-ng)
  apt_packages+=(rpm) # the packages suite reads the .rpm with `rpm -qlp`
  apt_packages+=(wine64) # the windows suite runs the Windows test binaries under Wine
  apt_packages+=(pass gnupg keepassxc) # Send to vault, tested against the real tools
fi
if [ "$purpose" = test ] || [ "$purpose" = bundle ]; then
  # The Windows cross build (the windows suite, the portable zip): compiler, PE tools, zip.
  apt_packages+=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 jq zip unzip)
fi
command -v node >/dev/null 2>&1 || apt_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || apt_packages+=(npm)

missing=()
for package in "${apt_packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
else
  say "system packages present"
fi

if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    say "installing the Rust toolchain (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal \
      --component clippy,rustfmt
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
else
  say "npm dependencies present"
fi

if [ "$purpose" = test ] || [ "$purpose" = bundle ]; then
  if ! rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu; then
    say "adding the Rust target x86_64-pc-windows-gnu (the windows suite)"
    rustup target add x86_64-pc-windows-gnu
  fi
fi
if [ "$purpose" = test ]; then
  driver="${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver"
  if [ ! -x "$driver" ] && ! command -v tauri-driver >/dev/null 2>&1; then
    say "installing tauri-driver"
    cargo install tauri-driver --locked --version '^2' --quiet
  else
    say "tauri-driver present"
  fi
fi
