# The cache-cold model of the edge benchmark (bench/edge/cold.mjs): one worker holding the
# package's module (as `npm start` serves it) and what the empty worker and the plain-JS
# floor do, so cold.js can run each in-process between two rounds of cache pollution.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "cold", worker = .cold) ],
  sockets = [ (name = "cold", address = "127.0.0.1:8791", http = (), service = "cold") ],
);

const cold :Workerd.Worker = (
  modules = [
    (name = "bench/edge/cold.js", esModule = embed "cold.js"),
    (name = "bench/edge/headers.js", esModule = embed "headers.js"),
    (name = "bench/edge/answer.json.txt", text = embed "../results/answer.json.txt"),
    (name = "bench/baseline.js", esModule = embed "../baseline.js"),
    (name = "js/workerd.js", esModule = embed "../../js/workerd.js"),
    (name = "js/api.js", esModule = embed "../../js/api.js"),
    (name = "js/ids.js", esModule = embed "../../js/ids.js"),
    (name = "pkg/wandb_resume.js", esModule = embed "../../pkg/wandb_resume.js"),
    (name = "pkg/wandb_resume_bg.wasm", wasm = embed "../../pkg/wandb_resume_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
);
