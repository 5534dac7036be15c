#!/usr/bin/env bash
# Everything a change must pass, in the order that fails fastest: formatting, lints, the
# library's tests in the debug profile (where epaint's debug assertions run), the whole suite
# in release (the UI tests, the file tests and the real-window test), and the documentation.
# This is the README's test command, and CI runs it (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy (all targets, warnings are errors)"
cargo clippy --all-targets -- -D warnings
step "cargo test --lib (debug)"
cargo test --lib
step "cargo test --release"
cargo test --release
step "cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet
printf '\nAll checks passed.\n'
