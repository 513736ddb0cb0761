"""A fake W&B backend for branching timelines: timeline_server.py's server (it keeps the runs
its clients create), holding before the first launch the runs a timeline branches from, and
answering `RewindRun` as W&B does for a run it holds. generate_branch_timelines.py starts one
per release.

- `seed(server, names)`: the named runs exist and have started before the first attempt, with
  fake_server.py's history (`_step` 0-LAST_STEP) and config, as a run an earlier job logged.
- `RewindRun` on a run the server holds and a client started: `rewoundRun` with that run's
  config and a history that ends at the step asked for (the real server drops what came after,
  and the client carries on after that step). On any other name: fake_server.py's answer
  (`{}`, no run), which wandb-core reads as "run not found".

Nothing else differs from timeline_server.py: a fork is a new run's upsert (the client, not
the server, sets where its history starts), so the server needs no answer of its own for it.
"""

import json

import fake_server
import timeline_server

# A run a client started: config values and wandb's telemetry (timeline_server.py's test).
STARTED_CONFIG = json.dumps(
    dict({key: {"value": value} for key, value in fake_server.EXISTING_CONFIG.items()},
         _wandb={"value": {"t": {"1": [1], "3": [1]}}}))

_timeline_answer = timeline_server._answer


def _answer(operation, query, variables, port, runs):
    """timeline_server.py's answer, with `RewindRun` answered for the runs it holds."""
    if operation == "RewindRun":
        name = variables.get("runName")
        if name in runs and timeline_server._started(runs[name]):
            bucket = fake_server._bucket(name, True)
            rewound = {key: bucket[key] for key in ("id", "name", "displayName", "description", "sweepName",
                                                    "project")}
            rewound.update(config=runs[name], historyLineCount=int(variables.get("metricValue") or 0) + 1)
            return {"rewindRun": {"rewoundRun": rewound}}
    return _timeline_answer(operation, query, variables, port, runs)


def start():
    """timeline_server.start(), answering with `_answer`."""
    server = timeline_server.start()
    timeline_server._answer = _answer
    return server


def seed(server, names):
    """A new timeline whose server already holds the started runs `names`."""
    timeline_server.reset(server)
    for name in names:
        server.runs[name] = STARTED_CONFIG
