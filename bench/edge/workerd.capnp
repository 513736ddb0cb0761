# The edge benchmark (bench/edge/run.mjs): the package's handler and an empty worker in one
# workerd process, measured side by side over loopback.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "api", worker = .api),
    (name = "empty", worker = .empty),
  ],
  sockets = [
    (name = "api", address = "127.0.0.1:8788", http = (), service = "api"),
    (name = "empty", address = "127.0.0.1:8789", http = (), service = "empty"),
  ],
);

const api :Workerd.Worker = (
  modules = [
    (name = "js/worker/workerd.js", esModule = embed "../../js/worker/workerd.js"),
    (name = "js/worker/handler.js", esModule = embed "../../js/worker/handler.js"),
    (name = "js/workerd.js", esModule = embed "../../js/workerd.js"),
    (name = "js/api.js", esModule = embed "../../js/api.js"),
    (name = "pkg/wandb_resume.js", esModule = embed "../../pkg/wandb_resume.js"),
    (name = "pkg/wandb_resume_bg.wasm", wasm = embed "../../pkg/wandb_resume_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
);

const empty :Workerd.Worker = (
  modules = [
    (name = "empty.js", esModule = embed "empty.js"),
    (name = "answer.json.txt", text = embed "../results/answer.json.txt"),
  ],
  compatibilityDate = "2026-11-01",
);
