#!/usr/bin/env bash
# The main job (`npm start`): installs what is missing, builds the package if the crate
# changed, then serves the JSON API and the web form on workerd at http://localhost:8787
# (PORT=… to change) until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
node scripts/build.mjs
exec node scripts/serve.mjs
