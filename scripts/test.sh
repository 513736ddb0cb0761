#!/usr/bin/env bash
# The whole test suite: the README's test command (`npm test`) runs this, and so does CI.
# Installs what it needs first (scripts/setup.sh skips what is already there).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "setup"
# cargo-fuzz and cargo-deny take a few minutes to compile on a new machine: they build in the
# background while the wasm-bindgen CLI, the lint and the Rust tests run, and the two steps
# that use them wait for it.
mkdir -p target
scripts/setup.sh --rust-tools >target/setup-rust-tools.log 2>&1 &
rust_tools=$!
wait_rust_tools() {
  if [ -n "$rust_tools" ]; then
    wait "$rust_tools" || { cat target/setup-rust-tools.log; exit 1; }
    cat target/setup-rust-tools.log >&2
    rust_tools=""
  fi
}
# Chromium comes from Debian: a download, not a compile, so it runs beside the compiles too.
scripts/setup.sh --chromium >target/setup-chromium.log 2>&1 &
chromium=$!
scripts/setup.sh

step "format and lint"
cargo fmt --all -- --check
cargo clippy --all-targets --all-features --quiet -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --quiet -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --all-features --quiet -- -D warnings
npx --no-install prettier --check --log-level warn .

step "Rust tests (native)"
cargo test --quiet
# Every client-side version rule must be pinned by the conformance vectors.
cargo test --quiet --features rule-mutation --test rule_mutation

step "Rust dependencies: licenses, bans, sources"
wait_rust_tools
cargo deny check licenses bans sources

step "fuzzing (short run; FUZZ_SECONDS=900 scripts/fuzz.sh for the long one)"
scripts/fuzz.sh

step "build the package"
node scripts/build.mjs

step "JS tests against the built package"
wait "$chromium" || { cat target/setup-chromium.log; exit 1; }
cat target/setup-chromium.log >&2
node --test tests/js/
