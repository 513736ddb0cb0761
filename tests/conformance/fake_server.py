"""A fake W&B backend on loopback: just enough GraphQL for a complete, online `wandb.init` to
finish, with a fixed set of runs, so that each SDK release's own code decides what it does
with the server's answer (resume, start fresh, or raise, and with which words).

What the server holds (the only state; nothing changes between requests):

- `EXISTING_RUN`: a run that has started and logged: `_step` 0-9 (so a resume continues at
  10), config `EXISTING_CONFIG` (`{"lr": 0.5}`), and `"t"` in its wandbConfig (what a started run has).
- `PRECREATED_RUN`: a run the server created but no client ever started (as a sweep does
  ahead of time): a bucket whose wandbConfig has no `"t"`.
- every other name: no such run (`bucket: null`).

Every GraphQL operation is logged by name in `server.operations`, so a vector can say whether
the SDK asked about the run before starting it. Uploads and file-stream posts are accepted
and dropped. Standard library only; used by generate_server.py in its own process.
"""

import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

EXISTING_RUN = "resumable-run"
PRECREATED_RUN = "precreated-run"
ENTITY = "ent"
PROJECT = "proj"
# The last step the existing run logged; a resume continues at LAST_STEP + 1.
LAST_STEP = 9
# The existing run's config, as `wandb.config` holds it after a resume.
EXISTING_CONFIG = {"lr": 0.5}


def _project(name=PROJECT):
    return {"id": "UHJvamVjdDox", "name": name, "entity": {"id": "RW50aXR5OjE=", "name": ENTITY}}


def _bucket(name, started):
    history = {"_step": LAST_STEP, "_runtime": 10.5, "loss": 0.1}
    return {
        "id": "UnVuOnYxOg==" + name,
        "name": name,
        "displayName": "existing-display-name",
        "summaryMetrics": json.dumps(history),
        "logLineCount": 5,
        "historyLineCount": LAST_STEP + 1,
        "eventsLineCount": 3,
        "historyTail": json.dumps([json.dumps(history)]),
        "eventsTail": json.dumps([json.dumps({"_runtime": 11})]),
        "config": json.dumps({key: {"value": value} for key, value in EXISTING_CONFIG.items()}),
        "tags": ["old-tag"],
        "notes": None,
        "wandbConfig": json.dumps({"t": {"1": [1], "3": [1]}} if started else {}),
        "description": None,
        "sweepName": None,
        "project": _project(),
    }


def _operation(name, query):
    """What a GraphQL request asks, by its content: releases name the same query differently
    (0.10.x asks about a run with `query Model`, later ones with `query RunResumeStatus`)."""
    if "upsertBucket(" in query:
        return "UpsertBucket"
    if "bucket(" in query and "historyTail" in query:
        return "RunResumeStatus"
    named = re.search(r"(?:query|mutation)\s+(\w+)", query)
    return name or (named.group(1) if named else "?")


def _answer(operation, query, variables, port):
    """The `data` of the answer to one GraphQL operation."""
    if operation == "RunResumeStatus":
        name = variables.get("name")
        bucket = None
        if name == EXISTING_RUN:
            bucket = _bucket(name, True)
        elif name == PRECREATED_RUN:
            bucket = _bucket(name, False)
        return {"model": dict(_project(variables.get("project") or PROJECT), bucket=bucket)}
    if operation == "UpsertBucket":
        name = variables.get("name") or "new-run"
        return {
            "upsertBucket": {
                "bucket": {
                    "id": "UnVuOnYxOg==" + name,
                    "name": name,
                    "displayName": variables.get("displayName") or name,
                    "description": None,
                    "config": variables.get("config") or "{}",
                    "sweepName": None,
                    "historyLineCount": 0,
                    "project": _project(variables.get("project") or PROJECT),
                },
                "inserted": name not in (EXISTING_RUN, PRECREATED_RUN),
            }
        }
    if operation == "Viewer":
        return {
            "viewer": {
                "id": "VXNlcjox", "entity": ENTITY, "username": "user", "email": "user@example.com",
                "flags": "{}", "teams": {"edges": []}, "admin": False, "photoUrl": None,
                "userInfo": None, "apiKeys": None, "defaultFramework": None,
            }
        }
    if operation == "ServerInfo":
        return {"serverInfo": {"cliVersionInfo": {}, "latestLocalVersionInfo": None, "features": []}}
    if operation == "ServerFeaturesQuery":
        return {"serverInfo": {"features": []}}
    if operation == "CreateRunFiles":
        return {
            "createRunFiles": {
                "runID": "r",
                "uploadHeaders": [],
                "files": [
                    {"name": f, "uploadUrl": "http://127.0.0.1:%d/upload/%s" % (port, f)}
                    for f in variables.get("files", [])
                ],
            }
        }
    if operation == "RunStoppedStatus":
        return {"project": {"run": {"stopped": False}}}
    if "__type" in query or "__schema" in query:
        return {"__type": None}
    return {}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _send(self, obj):
        body = json.dumps(obj).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self):
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self):
        self._send({})

    def do_PUT(self):
        self._body()
        self._send({})

    def do_POST(self):
        raw = self._body()
        if "graphql" not in self.path:
            # file stream and the like
            self._send({"exitcode": None, "limits": {}})
            return
        try:
            request = json.loads(raw)
        except ValueError:
            self._send({"errors": [{"message": "not JSON"}]})
            return
        answers = []
        for one in request if isinstance(request, list) else [request]:
            query = one.get("query") or ""
            variables = one.get("variables") or {}
            operation = _operation(one.get("operationName"), query)
            self.server.operations.append(operation)
            answers.append({"data": _answer(operation, query, variables, self.server.server_address[1])})
        self._send(answers if isinstance(request, list) else answers[0])


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Each case's processes are killed once it has its answer, often mid-request.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def start():
    """Starts a fake server on a free loopback port in a daemon thread; returns it (its
    `operations` list is cleared by the caller between cases, its port is
    `server_address[1]`)."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.operations = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
