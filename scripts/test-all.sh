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
  local status=$?
  local counts
  counts=$(awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } } END { printf "%d %d", p, f }' "$logs/$suite.log")
  local passed=${counts% *} failed=${counts#* }
  grep -E '^test .* FAILED$|^---- |panicked at' "$logs/$suite.log" | head -n 40
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
check app-build cargo build -p keywarden --locked
export KEYWARDEN_APP_BIN="$CARGO_TARGET_DIR/debug/keywarden"
cargo_suite keychain-clipboard scripts/desktop-session.sh \
  cargo test -p app-core --locked --no-fail-fast --test keyring_it --test keychain_faults --test clipboard_it --test clipboard_reconnect \
  -- --ignored
cargo_suite e2e scripts/desktop-session.sh \
  cargo test -p keywarden-e2e --locked --no-fail-fast --lib --test browse_keys --test organizations \
  --test key_lifecycle --test key_policy --test reveal_safety --test fault_matrix --test dark_mode --test no_keychain \
  --test quit_signals --test single_instance -- --include-ignored --test-threads=1 --nocapture
cargo_suite leak-sweep scripts/desktop-session.sh \
  cargo test -p keywarden-e2e --locked --test leak_sweep -- --ignored --nocapture

echo
echo "Suites:"
printf '  %s\n' "${summary[@]}"
if [ -d "$root/target/e2e" ]; then echo "Screenshots: target/e2e/"; fi
echo "Logs: target/test-logs/"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
