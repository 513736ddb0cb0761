# Start-up benchmark (bench/run.mjs): workerd started with the package's worker (`ours`,
# imported from serve/workerd.capnp, so it is what `npm start` serves) or with a worker that
# instantiates an empty wasm module (`empty`), timed from spawn to the first answer.
using Workerd = import "/workerd/workerd.capnp";
using Serve = import "../serve/workerd.capnp";

const ours :Workerd.Config = (
  services = [
    (name = "main", worker = Serve.wandbResume),
    (name = "www", disk = (path = "www", writable = false)),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:8790", http = (), service = "main") ],
);

const empty :Workerd.Config = (
  services = [ (name = "main", worker = .emptyWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:8790", http = (), service = "main") ],
);

const emptyWorker :Workerd.Worker = (
  modules = [
    (name = "empty.js", esModule = "import module from \"./empty.wasm\"; const instance = new WebAssembly.Instance(module, {}); export default { fetch() { return new Response(String(typeof instance)); } };"),
    (name = "empty.wasm", wasm = embed "empty.wasm"),
  ],
  compatibilityDate = "2026-11-01",
);
