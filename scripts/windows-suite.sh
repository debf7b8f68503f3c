#!/usr/bin/env bash
# The windows suite, run by scripts/test-all.sh (and `portable` also by `make bundle`):
#   scripts/windows-suite.sh clippy     clippy for x86_64-pc-windows-gnu, -D warnings
#   scripts/windows-suite.sh tests      the openai-admin and app-core test binaries, each run
#                                       under Wine in a throwaway prefix, with an Xvfb display
#   scripts/windows-suite.sh portable   keywarden-<version>-windows-x64-portable.zip, checked to
#                                       be a PE32+ GUI program importing only Windows system DLLs
#                                       and WebView2Loader.dll (release build; make test sets
#                                       KEYWARDEN_PORTABLE_PROFILE=portable-check, unoptimized)
# Needs the mingw-w64 cross compiler, Wine and the Rust target; `scripts/setup.sh test` installs
# them. Without one of them this script fails and names the package, never skips.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
target=x86_64-pc-windows-gnu
wine=/usr/lib/wine/wine64
# How long one test binary may run under Wine before it counts as hung.
binary_limit=${KEYWARDEN_WINE_TEST_LIMIT:-300}

need() { # command package
  command -v "$1" >/dev/null 2>&1 || [ -x "$1" ] || {
    echo "windows suite: $1 is missing; install the Debian package $2 (scripts/setup.sh test does)"
    exit 1
  }
}
need x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64
rustup target list --installed 2>/dev/null | grep -qx "$target" || {
  echo "windows suite: the Rust target $target is missing; run: rustup target add $target"
  exit 1
}

clippy() {
  cargo clippy --target "$target" --workspace --all-targets --locked -- -D warnings
}

# Prints one libtest result line per test binary (a hung or crashed binary as one failure), so
# test-all.sh counts them like any other cargo suite.
tests() {
  need "$wine" wine64
  need xvfb-run xvfb
  local listing
  listing=$(cargo test --no-run --locked --target "$target" -p openai-admin -p app-core \
    --message-format=json-render-diagnostics) || return 1
  local binaries
  binaries=$(jq -r 'select(.reason == "compiler-artifact" and .profile.test == true and .executable != null) | [.executable, .manifest_path] | @tsv' <<<"$listing" | sort -u)
  [ -n "$binaries" ] || { echo "windows suite: no test binary was built"; return 1; }

  # Rust >= 1.78 programs need ProcessPrng, which Wine 8 lacks: see the C file.
  local deps="$CARGO_TARGET_DIR/$target/debug/deps"
  x86_64-w64-mingw32-gcc -shared -O2 -o "$deps/bcryptprimitives.dll" \
    scripts/windows/process-prng-shim.c -ladvapi32 -Wl,--kill-at || return 1

  local prefix
  prefix=$(mktemp -d /tmp/keywarden-wine.XXXXXX)
  trap 'rm -rf "$prefix"' RETURN
  export WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  KEYWARDEN_WINE_BINARIES=$binaries xvfb-run -a "$0" under-display
}

# Runs one test binary under Wine from its crate's folder (relative fixture paths resolve as
# under cargo test), printing its output and keeping a copy in $output.
run_under_wine() { # exe manifest
  (cd "$(dirname "$2")" && timeout -k 10 "$binary_limit" "$wine" "$1" --include-ignored </dev/null) 2>&1 | tee "$output"
  return "${PIPESTATUS[0]}"
}

# Runs inside xvfb-run: a fresh Wine prefix, then every binary in $KEYWARDEN_WINE_BINARIES.
under_display() {
  output=$(mktemp /tmp/keywarden-wine-output.XXXXXX)
  trap 'rm -f "$output"' RETURN
  "$wine" wineboot --init >/dev/null 2>&1
  local status=0 exe manifest code
  while IFS=$'\t' read -r exe manifest; do
    echo "-- $(basename "$exe")"
    run_under_wine "$exe" "$manifest"
    code=$?
    if [ "$code" -ne 0 ] && [ "$code" -ne 124 ] && [ "$code" -ne 137 ] && ! grep -q '^running ' "$output"; then
      # Wine itself sometimes fails to start a process on a loaded machine (no test ran, nothing
      # printed). Say so and start it once more; a binary that cannot start twice fails.
      echo "$(basename "$exe") did not start under Wine (exit $code); starting it again"
      run_under_wine "$exe" "$manifest"
      code=$?
    fi
    if [ "$code" -eq 124 ] || [ "$code" -eq 137 ]; then
      echo "$(basename "$exe") hung under Wine: stopped after $binary_limit s"
      echo "test result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out"
      status=1
    elif [ "$code" -ne 0 ]; then
      status=1
    fi
  done <<<"$KEYWARDEN_WINE_BINARIES"
  "$wine" wineboot --shutdown >/dev/null 2>&1 || true
  return $status
}

portable() {
  need x86_64-w64-mingw32-objdump binutils-mingw-w64-x86-64
  need zip zip
  # KEYWARDEN_PORTABLE_PROFILE=portable-check (make test) checks the packaging without optimizing.
  local profile=${KEYWARDEN_PORTABLE_PROFILE:-release}
  cargo build --profile "$profile" --locked -p keywarden --target "$target" || return 1
  local release="$CARGO_TARGET_DIR/$target/$profile"
  local version
  version=$(cargo metadata --no-deps --format-version 1 | jq -r '.packages[] | select(.name == "keywarden") | .version')
  local exe="$release/keywarden.exe" loader="$release/WebView2Loader.dll"
  [ -f "$exe" ] && [ -f "$loader" ] || { echo "portable: keywarden.exe or WebView2Loader.dll is missing"; return 1; }
  check_executable "$exe" || return 1
  local stage out="$CARGO_TARGET_DIR/bundle/windows"
  stage=$(mktemp -d)
  mkdir -p "$out" "$stage/keywarden"
  cp "$exe" "$loader" "$stage/keywarden/"
  cat >"$stage/keywarden/README.txt" <<TEXT
Keywarden $version for Windows (64-bit), portable: no installer, nothing written outside your
profile. Run keywarden.exe. Keep WebView2Loader.dll beside it.

The window needs the Microsoft Edge WebView2 Runtime, which is part of Windows 10 and 11. On an
older Windows, install it from https://developer.microsoft.com/microsoft-edge/webview2/ first.
TEXT
  local zip_file="$out/keywarden-$version-windows-x64-portable.zip"
  rm -f "$zip_file"
  (cd "$stage" && zip -q -r "$zip_file" keywarden) || return 1
  rm -rf "$stage"
  unzip -l "$zip_file"
  echo "portable: $zip_file"
}

# A PE32+ GUI program whose imports are Windows system DLLs and WebView2Loader.dll only.
check_executable() { # exe
  local header imports unexpected
  header=$(x86_64-w64-mingw32-objdump -p "$1") || return 1
  grep -qE '^Magic[[:space:]]+020b' <<<"$header" || { echo "portable: not a PE32+ executable"; return 1; }
  grep -qE '^Subsystem[[:space:]]+0+2[[:space:]]' <<<"$header" || { echo "portable: not a GUI (windows subsystem) program"; return 1; }
  imports=$(awk '/DLL Name:/ { print tolower($3) }' <<<"$header" | sort -u)
  echo "imports:" $imports
  unexpected=$(grep -vE '^(api-ms-win-[a-z0-9-]+\.dll|advapi32|bcrypt|bcryptprimitives|combase|comctl32|comdlg32|crypt32|d3d11|dwmapi|dxgi|gdi32|gdiplus|imm32|iphlpapi|kernel32|msimg32|msvcrt|ncrypt|ntdll|ole32|oleaut32|propsys|rpcrt4|secur32|setupapi|shell32|shlwapi|user32|userenv|uxtheme|version|winmm|ws2_32|webview2loader)(\.dll)?$' <<<"$imports")
  [ -z "$unexpected" ] || { echo "portable: unexpected imports: $unexpected"; return 1; }
}

case "${1:-}" in
  clippy | tests | portable) "$1" ;;
  under-display) under_display ;;
  *) echo "usage: scripts/windows-suite.sh clippy|tests|portable"; exit 2 ;;
esac
