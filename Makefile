# Keywarden: two commands do everything on a fresh Debian/Ubuntu machine.
#   make run    installs what is missing and opens the app (with the demo organization)
#   make test   installs what is missing and runs every suite; the last line is `N passed, N failed`
#   make bench-window   release app beside a bare Tauri window: start-up, memory, 5k/100k keys

SHELL := /bin/bash

.PHONY: run test bench bench-window bundle

run:
	scripts/setup.sh run
	npm run --silent build:ui
	cargo run -p keywarden

test:
	scripts/test-all.sh

bench:
	cargo bench -p openai-admin
	cargo bench -p app-core --bench inventory_store
	cargo bench -p app-core --bench usage_read

bench-window:
	scripts/bench-window.sh

bundle:
	scripts/setup.sh bundle
	npx tauri build --bundles deb,rpm
	scripts/windows-suite.sh portable
