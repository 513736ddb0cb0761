# The edge benchmark (bench/edge/run.mjs): the worker `npm start` serves (imported from
# serve/workerd.capnp, so the two cannot drift), an empty worker and a plain-JS floor
# (floor.js), in one workerd process, measured side by side over loopback.
using Workerd = import "/workerd/workerd.capnp";
using Serve = import "../../serve/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "api", worker = Serve.wandbResume),
    (name = "www", disk = (path = "www", writable = false)),
    (name = "empty", worker = .empty),
    (name = "floor", worker = .floor),
  ],
  sockets = [
    (name = "api", address = "127.0.0.1:8788", http = (), service = "api"),
    (name = "empty", address = "127.0.0.1:8789", http = (), service = "empty"),
    (name = "floor", address = "127.0.0.1:8790", http = (), service = "floor"),
  ],
);

const empty :Workerd.Worker = (
  modules = [
    (name = "empty.js", esModule = embed "empty.js"),
    (name = "headers.js", esModule = embed "headers.js"),
    (name = "answer.json.txt", text = embed "../results/answer.json.txt"),
  ],
  compatibilityDate = "2026-11-01",
);

const floor :Workerd.Worker = (
  modules = [
    (name = "bench/edge/floor.js", esModule = embed "floor.js"),
    (name = "bench/edge/headers.js", esModule = embed "headers.js"),
    (name = "bench/baseline.js", esModule = embed "../baseline.js"),
  ],
  compatibilityDate = "2026-11-01",
);
