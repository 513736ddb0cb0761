"""The wandb SDK's own settings validation for the benchmark's configuration, timed.

Run by bench/run.mjs with the Python of a virtualenv holding one wandb release
(tests/conformance/venvs.py). Builds `wandb.Settings` with what the configuration resolves
to — resume="auto" from wandb.init over WANDB_RESUME=allow, the run id from WANDB_RUN_ID,
the project — which runs the SDK's validators for every field. Prints microseconds per
construction, the median of several repeats.
"""

import json
import statistics
import sys
import timeit

from wandb.sdk.wandb_settings import Settings

KWARGS = {"resume": "auto", "run_id": "exp-42-seed-1", "project": "llm"}

settings = Settings(**KWARGS)
assert settings.resume == "auto" and settings.run_id == "exp-42-seed-1", settings

number = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
times = timeit.repeat(lambda: Settings(**KWARGS), number=number, repeat=7)
print(json.dumps({"usPerCall": statistics.median(times) / number * 1e6}))
