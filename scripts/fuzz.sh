#!/usr/bin/env bash
# Fuzzes the core with cargo fuzz (libFuzzer, AddressSanitizer): every target in
# fuzz/Cargo.toml for FUZZ_SECONDS each (default 15), two at a time, starting from the
# committed seeds in fuzz/seeds/<target>/ (read-only; what the fuzzer finds goes to a scratch
# corpus under fuzz/target/). Fails on any crash, panic, leak, timeout (> 10 s for one input)
# or memory blow-up (> 2 GiB), and prints the input that caused it.
#
#   scripts/fuzz.sh                      # the short run of the test command
#   FUZZ_SECONDS=900 scripts/fuzz.sh     # the long run (two hours for all eight targets)
#   scripts/fuzz.sh decide http_api      # some targets only
#
# The toolchain is stable; RUSTC_BOOTSTRAP lets cargo fuzz pass its sanitizer flags.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-15}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(sed -n 's/^name = "\([a-z_]*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^wandb-resume-fuzz$')
fi
export RUSTC_BOOTSTRAP=1

cargo fuzz build -O >/dev/null 2>&1 || cargo fuzz build -O

run_target() {
  local target=$1
  local scratch="fuzz/target/corpus/$target"
  local log="fuzz/target/logs/$target.log"
  mkdir -p "$scratch" "fuzz/target/logs" "fuzz/artifacts/$target" "fuzz/seeds/$target"
  if cargo fuzz run -O "$target" "$scratch" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
    -print_final_stats=1 >"$log" 2>&1; then
    printf '[fuzz] %-11s %s\n' "$target" "$(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$log" | tail -1)"
  else
    printf '[fuzz] %-11s FAILED\n' "$target"
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$log" | head -20
    return 1
  fi
}

status=0
pids=()
for target in "${targets[@]}"; do
  run_target "$target" &
  pids+=($!)
  # Two at a time: one per core.
  if [ ${#pids[@]} -eq 2 ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[1]}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
