#!/usr/bin/env bash
# The main job. Until the edge worker lands (issue 5) this builds the package and runs a short
# demo of what the module says about a few common configurations.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
node scripts/build.mjs
node scripts/demo.mjs
