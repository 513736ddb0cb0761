"""A fake W&B backend that keeps the runs its clients create: fake_server.py's answers, but
`RunResumeStatus` finds a run once a client has upserted it, as the real server does, so a
restart meets what the attempts before it left. generate_timelines.py starts one per release,
in its own process.

What the server holds: `runs`, run name → the config JSON the client last upserted (every
upsert carries the whole config). A run is *started* once that config holds wandb's
telemetry (`_wandb.value.t`), which is what the real server's `wandbConfig(keys: ["t"])`
answers from; a run upserted without it is one the server made but no client started. The
history a resume reads is fixed (fake_server.py's `_step` 0-9): the timeline says whether an
attempt resumed, not at which step. Nothing is ever deleted. `reset()` empties it between
timelines.
"""

import json

import fake_server

_fixed_answer = fake_server._answer


def _started(config_json):
    try:
        config = json.loads(config_json or "{}")
        return "t" in ((config.get("_wandb") or {}).get("value") or {})
    except (ValueError, AttributeError):
        return False


def _answer(operation, query, variables, port, runs):
    """fake_server.py's answer, with `runs` in place of its fixed set."""
    name = variables.get("name")
    if operation == "RunResumeStatus":
        bucket = None
        if name in runs:
            bucket = fake_server._bucket(name, _started(runs[name]))
            bucket["config"] = runs[name] or "{}"
        return {"model": dict(fake_server._project(variables.get("project") or fake_server.PROJECT), bucket=bucket)}
    answer = _fixed_answer(operation, query, variables, port)
    if operation == "UpsertBucket":
        name = name or "new-run"
        answer["upsertBucket"]["inserted"] = name not in runs
        # An upsert without a config keeps the one before (none for a new run).
        config = variables.get("config")
        runs[name] = config if config is not None else runs.get(name)
    return answer


# fake_server's handler looks `_answer` up in its module on every request and passes its port:
# each timeline server's runs, by port (the generator runs one server per release, in threads).
_RUNS_BY_PORT = {}


def _dispatch(operation, query, variables, port):
    return _answer(operation, query, variables, port, _RUNS_BY_PORT[port])


def start():
    """A server on a free loopback port (fake_server.start) answering from `server.runs`, the
    runs its clients created."""
    server = fake_server.start()
    server.runs = _RUNS_BY_PORT.setdefault(server.server_address[1], {})
    fake_server._answer = _dispatch
    return server


def reset(server):
    """Forgets every run and operation: a new timeline."""
    server.runs.clear()
    del server.operations[:]
