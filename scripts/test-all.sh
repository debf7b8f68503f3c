#!/usr/bin/env bash
# Runs every Keywarden suite, prints each suite's result, and ends with the line
# `N passed, N failed` counted across all suites. Exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export CARGO_TERM_COLOR=never
logs="$root/target/test-logs"
mkdir -p "$logs"
rm -rf "$root/target/e2e"

total_passed=0
total_failed=0
summary=()

record() { # suite passed failed
  total_passed=$((total_passed + $2))
  total_failed=$((total_failed + $3))
  summary+=("$(printf '%-22s %4d passed, %d failed' "$1" "$2" "$3")")
  printf '\033[1m== %s: %d passed, %d failed\033[0m\n' "$1" "$2" "$3"
}

# A suite that is one check: passes when the command succeeds.
check() { # suite command...
  local suite=$1; shift
  printf '\033[1m== %s\033[0m\n' "$suite"
  if "$@" >"$logs/$suite.log" 2>&1; then
    record "$suite" 1 0
  else
    tail -n 40 "$logs/$suite.log"
    record "$suite" 0 1
  fi
}

# A cargo test suite: counts the tests from libtest's result lines.
cargo_suite() { # suite cargo-test-args...
  local suite=$1; shift
  printf '\033[1m== %s\033[0m\n' "$suite"
  "$@" >"$logs/$suite.log" 2>&1
  count_tests "$suite" $?
}

# Records a finished test suite from the libtest result lines in its log and its exit status.
count_tests() { # suite status
  local suite=$1 status=$2
  local counts
  counts=$(awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } } END { printf "%d %d", p, f }' "$logs/$suite.log")
  local passed=${counts% *} failed=${counts#* }
  # A panic's message is on the lines after "panicked at"; show them so a CI summary says why.
  grep -E -A4 '^test .* FAILED$|^---- |panicked at' "$logs/$suite.log" | grep -vE '^(note: run with|stack backtrace)' | head -n 60
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    tail -n 40 "$logs/$suite.log"
    failed=1
  fi
  if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
    echo "$suite ran no test"
    failed=1
  fi
  grep -E '^(leak sweep:|fault matrix)' -A16 "$logs/$suite.log" | grep -vE '^(ok|test |$)' || true
  record "$suite" "$passed" "$failed"
}

ui_tests() {
  printf '\033[1m== ui-unit\033[0m\n'
  local report="$logs/vitest.json"
  rm -f "$report"
  npx vitest run --root ui --reporter=default --reporter=json --outputFile="$report" \
    >"$logs/ui-unit.log" 2>&1
  local status=$?
  local counts
  counts=$(node -e '
    const fs = require("fs");
    try { const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
          console.log(r.numPassedTests + " " + r.numFailedTests); }
    catch { console.log("0 0"); }' "$report")
  local passed=${counts% *} failed=${counts#* }
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then tail -n 40 "$logs/ui-unit.log"; failed=1; fi
  if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  record ui-unit "$passed" "$failed"
}

if ! scripts/setup.sh test; then
  echo "setup failed"
  echo "0 passed, 1 failed"
  exit 1
fi

core_is_webview_free() {
  local crate
  for crate in openai-admin app-core fake-admin-api; do
    if cargo tree -p "$crate" -e normal,build,dev --locked | grep -iE 'tauri|wry|webkit'; then
      echo "$crate depends on webview code"
      return 1
    fi
  done
}

check ui-build npm run --silent build:ui
check core-webview-free core_is_webview_free
check fmt cargo fmt --all -- --check
check clippy cargo clippy --workspace --all-targets --locked -- -D warnings
cargo_suite cargo-tests cargo test --workspace --locked --no-fail-fast
check ui-typecheck npm run --silent typecheck
ui_tests
# The E2E suites need the IPC recorder, which only the e2e-hooks feature compiles in.
check app-build cargo build -p keywarden --locked --features e2e-hooks
cargo_suite e2e-hooks cargo test -p keywarden --locked --features e2e-hooks --lib --test lockdown_test_hooks
export KEYWARDEN_APP_BIN="$CARGO_TARGET_DIR/debug/keywarden"
# The windows suite (scripts/windows-suite.sh) is builds and Wine, no window: it runs beside the
# keychain, end-to-end and leak-sweep suites, which are proven under load (stress-ng), in its own
# target folder so neither waits for the other's build lock.
windows_suite() {
  export CARGO_TARGET_DIR="$CARGO_TARGET_DIR/windows"
  # The zip's packaging is checked on an unoptimized build (Cargo.toml, profile portable-check).
  export KEYWARDEN_PORTABLE_PROFILE=portable-check
  local started=$SECONDS step
  for step in clippy tests portable; do
    scripts/windows-suite.sh "$step" >"$logs/windows-$step.log" 2>&1
    echo $? >"$logs/windows-$step.status"
  done
  echo "$((SECONDS - started))" >"$logs/windows.seconds"
}
rm -f "$logs"/windows-*.status "$logs/windows.seconds"
windows_suite &
windows_pid=$!
finish_windows_suite() {
  printf '\033[1m== windows (ran beside the suites above)\033[0m\n'
  wait "$windows_pid"
  local step status
  for step in clippy portable; do
    status=$(cat "$logs/windows-$step.status" 2>/dev/null || echo 1)
    if [ "$status" -eq 0 ]; then
      record "windows-$step" 1 0
    else
      tail -n 40 "$logs/windows-$step.log"
      record "windows-$step" 0 1
    fi
  done
  grep -E 'hung under Wine' "$logs/windows-tests.log" | head -n 10
  count_tests windows-tests "$(cat "$logs/windows-tests.status" 2>/dev/null || echo 1)"
  echo "windows: the suite took $(cat "$logs/windows.seconds" 2>/dev/null || echo '?') s"
}

cargo_suite keychain-clipboard scripts/desktop-session.sh \
  cargo test -p app-core --locked --no-fail-fast --test keyring_it --test keychain_faults --test clipboard_it --test clipboard_reconnect --test vault_handoff --test inventory_export \
  -- --ignored
cargo_suite e2e scripts/desktop-session.sh \
  cargo test -p keywarden-e2e --locked --no-fail-fast --lib --test browse_keys --test organizations \
  --test key_lifecycle --test key_rotation --test key_policy --test reveal_safety --test fault_matrix --test dark_mode --test no_keychain \
  --test window_trust --test admin_key_trust --test quit_signals --test single_instance --test vault_handoff --test key_insight \
  -- --include-ignored --test-threads=1 --nocapture
cargo_suite leak-sweep scripts/desktop-session.sh \
  cargo test -p keywarden-e2e --locked --test leak_sweep -- --ignored --nocapture
finish_windows_suite

# The packages suite: the release .deb and .rpm as a user gets them. The .deb is installed with
# apt-get, its /usr/bin/keywarden opened under Xvfb through WebDriver, and removed again; the
# .rpm's file list must hold the binary, the desktop file and the icons. Installing needs root
# (CI runs as root) or passwordless sudo.
packages_suite() {
  printf '\033[1m== packages\033[0m\n'
  local log="$logs/packages.log" passed=0 failed=0 started=$SECONDS
  : >"$log"
  step() { # what command...
    local what=$1; shift
    echo "-- $what" >>"$log"
    if "$@" >>"$log" 2>&1; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "packages: $what failed"
    fi
  }
  local root_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      root_cmd=(sudo -n)
    else
      echo "packages: installing the .deb needs root or passwordless sudo; run make test as root"
      record packages 0 1
      return
    fi
  fi
  local bundle="$CARGO_TARGET_DIR/release/bundle"
  rm -rf "$bundle/deb" "$bundle/rpm"
  step "release build of the .deb and .rpm" npx tauri build --bundles deb,rpm
  echo "packages: release build took $((SECONDS - started)) s"
  local deb rpm_file
  deb=$(realpath "$(ls "$bundle"/deb/*.deb 2>/dev/null | head -n 1)" 2>/dev/null)
  rpm_file=$(ls "$bundle"/rpm/*.rpm 2>/dev/null | head -n 1)
  rpm_lists() {
    local listing
    listing=$(rpm -qlp "$rpm_file") || return 1
    printf '%s\n' "$listing"
    grep -qx /usr/bin/keywarden <<<"$listing" &&
      grep -qE '^/usr/share/applications/[^/]+\.desktop$' <<<"$listing" &&
      grep -qE '^/usr/share/icons/hicolor/[0-9]+x[0-9]+(@2)?/apps/[^/]+\.png$' <<<"$listing"
  }
  step "the .rpm holds the binary, desktop file and icons" rpm_lists
  deb_installs() {
    [ -n "$deb" ] || return 1
    "${root_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb" &&
      dpkg-query -W -f='${Status}\n' keywarden | grep -qx 'install ok installed' &&
      [ -x /usr/bin/keywarden ]
  }
  step "apt-get install the .deb" deb_installs
  echo "-- the installed app's window" >>"$log"
  KEYWARDEN_APP_BIN=/usr/bin/keywarden scripts/desktop-session.sh \
    cargo test -p keywarden-e2e --locked --test installed_package -- --ignored --nocapture \
    >>"$log" 2>&1
  local status=$? counts
  counts=$(awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } } END { printf "%d %d", p, f }' "$log")
  passed=$((passed + ${counts% *}))
  if [ "$status" -ne 0 ] || [ "${counts% *}" -eq 0 ]; then
    failed=$((failed + (${counts#* } > 0 ? ${counts#* } : 1)))
    grep -E '^test .* FAILED$|panicked at' -A3 "$log" | head -n 20
  fi
  deb_removes() {
    "${root_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y keywarden &&
      ! dpkg-query -W -f='${Status}\n' keywarden 2>/dev/null | grep -q 'ok installed' &&
      [ ! -e /usr/bin/keywarden ]
  }
  step "apt-get remove keywarden" deb_removes
  echo "packages: suite took $((SECONDS - started)) s"
  [ "$failed" -eq 0 ] || tail -n 40 "$log"
  record packages "$passed" "$failed"
}
packages_suite

echo
echo "Suites:"
printf '  %s\n' "${summary[@]}"
if [ -d "$root/target/e2e" ]; then echo "Screenshots: target/e2e/"; fi
echo "Logs: target/test-logs/"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
