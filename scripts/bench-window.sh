#!/usr/bin/env bash
# `make bench-window`: builds Keywarden and the bare Tauri v2 window (benches/bare-window/) in
# release with the same profile, then in a throwaway desktop session (Xvfb, D-Bus, gnome-keyring)
# measures both and prints every figure beside its goal, with pass or FAIL.
# Extra arguments go to the benchmark: --projects 100,2000 (sizes, 50 keys per project),
# --starts 3, --client-runs 3, --step-limit-secs 600. See docs/bench-window.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(pwd)/target}"
export CARGO_TERM_COLOR=never

scripts/setup.sh test

release_profile() { awk '/^\[/ { keep = ($0 ~ /^\[profile\.release/) } keep' "$1"; }
if [ "$(release_profile Cargo.toml)" != "$(release_profile benches/bare-window/Cargo.toml)" ]; then
  echo "bench-window: benches/bare-window/Cargo.toml must carry the same [profile.release] as Cargo.toml" >&2
  exit 1
fi
webview_pins() {
  awk '/^name = / { name = $3 } /^version = / && name ~ /^"(tauri|wry|tao|webkit2gtk)"$/ { print name, $3 }' "$1" | sort
}
if [ "$(webview_pins Cargo.lock)" != "$(webview_pins benches/bare-window/Cargo.lock)" ]; then
  echo "bench-window: warning: the bare window pins other tauri/wry/tao/webkit2gtk versions than the app:" >&2
  diff <(webview_pins Cargo.lock) <(webview_pins benches/bare-window/Cargo.lock) >&2 || true
fi

echo "bench-window: building in release (several minutes the first time)"
npm run --silent build:ui
# The paint probe is compiled in only with the e2e-hooks feature (see docs/bench-window.md).
cargo build --release --locked -p keywarden --features keywarden/e2e-hooks
cargo build --release --locked -p fake-admin-api
cargo build --release --locked -p openai-admin --example inventory
cargo build --release --locked -p keywarden-e2e --example bench_window
cargo build --release --locked --manifest-path benches/bare-window/Cargo.toml

release="$CARGO_TARGET_DIR/release"
scripts/desktop-session.sh "$release/examples/bench_window" \
  --app "$release/keywarden" --bare "$release/bare-window" \
  --fake-server "$release/fake-admin-api" --inventory "$release/examples/inventory" "$@"
