#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already there, so that the
# README's two commands work on a fresh machine and cost nothing on a prepared one.
#
#   scripts/setup.sh            Rust wasm target, the pinned wasm-bindgen CLI, npm packages
#   scripts/setup.sh --test     also Debian's Chromium, for the browser tests
#   scripts/setup.sh --rust-tools  only cargo-fuzz and cargo-deny (pinned versions), which the
#                               test command installs in the background while it starts
#   scripts/setup.sh --chromium    only Debian's Chromium (the test command's background step)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*" >&2; }

# The Rust tools run for a second or less per use, but their release profiles ask for minutes
# of compiling on a fresh machine (cargo-deny: fat LTO, one codegen unit). They are built
# unoptimised instead, which their output does not depend on: cargo-deny 124 s of CPU instead
# of 364 (its check 1.2 s instead of 0.8), the wasm-bindgen CLI 145 s instead of 388 (0.4 s a
# module instead of 0.1; the same bytes out).
light_install() {
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_DEBUG=0 \
    cargo install "$@" >&2
}

install_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Debian's chromium"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2
  fi
}

if [ "${1:-}" = "--chromium" ]; then
  install_chromium
  exit 0
fi

if [ "${1:-}" = "--rust-tools" ]; then
  # cargo-fuzz (the fuzz targets in fuzz/) and cargo-deny (licenses, bans and sources of the
  # Rust dependencies), at the versions the test command was written against.
  install_tool() { # binary crate version
    local have
    have=$("$1" --version 2>/dev/null | awk '{print $NF}' || true)
    if [ "$have" != "$3" ]; then
      say "installing $2 $3 (found: ${have:-none}); this compiles for a minute or two"
      light_install "$2" --version "$3" --locked
    fi
  }
  install_tool cargo-fuzz cargo-fuzz 0.13.2
  install_tool cargo-deny cargo-deny 0.20.2
  exit 0
fi

# 1. The wasm32 target for the toolchain rustup selects here.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown >&2
fi

# 2. The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate (pinned with
#    `=` in Cargo.toml); a mismatch fails at build time with a schema error. Only the
#    `wasm-bindgen` binary, without the TLS stack its test runner downloads drivers with.
pinned=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$pinned" ] || { say "no exact wasm-bindgen pin found in Cargo.toml"; exit 1; }
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$pinned" ]; then
  say "installing wasm-bindgen-cli $pinned (found: ${have:-none}); this compiles for a minute or two"
  light_install wasm-bindgen-cli --version "$pinned" --no-default-features --bin wasm-bindgen
fi

# 3. npm packages (binaryen's wasm-opt, the formatter, test tools), only when the lock file
#    changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

[ "${1:-}" = "--test" ] || exit 0

# 4. Chromium from Debian, for the browser tests.
install_chromium

exit 0
