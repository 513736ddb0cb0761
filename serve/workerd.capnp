# The start command's server (scripts/serve.mjs): the package's edge handler on workerd,
# the Cloudflare Workers runtime, serving the JSON API and the web form in www/.
# scripts/serve.mjs sets the port (--socket-addr) and the absolute path of www/
# (--directory-path), so this file holds no machine-specific value.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .wandbResume),
    (name = "www", disk = (path = "www", writable = false)),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "main") ],
);

# Module names mirror the package layout so the relative imports resolve as they do in npm.
const wandbResume :Workerd.Worker = (
  modules = [
    (name = "js/worker/workerd.js", esModule = embed "../js/worker/workerd.js"),
    (name = "js/worker/handler.js", esModule = embed "../js/worker/handler.js"),
    (name = "js/workerd.js", esModule = embed "../js/workerd.js"),
    (name = "js/api.js", esModule = embed "../js/api.js"),
    (name = "js/ids.js", esModule = embed "../js/ids.js"),
    (name = "pkg/wandb_resume.js", esModule = embed "../pkg/wandb_resume.js"),
    (name = "pkg/wandb_resume_bg.wasm", wasm = embed "../pkg/wandb_resume_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
  bindings = [ (name = "ASSETS", service = "www") ],
);
