// The cache-cold model of the edge benchmark (bench/edge/cold.mjs). Under load, workerd's
// HTTP stack runs between two requests and evicts the handler's code and data from the CPU
// caches, so a request costs several times what the same work costs in a hot loop. This
// worker reproduces that in-process: one GET runs `n` iterations of [pollute the caches,
// then answer the benchmark's POST /api/decide] with one handler; cold.mjs times the GET
// and subtracts the pollution alone. Handlers, all answering the same bytes:
//   empty — a Response of the constant answer (the empty worker's work, empty.js)
//   floor — JSON.parse, the hand-written answer, JSON.stringify (floor.js's work)
//   ours  — the package's adapter, respondToRequest, on the request and its body bytes
// Reading the request body is left out: every handler, the empty one too, does that alike.
import "../../js/workerd.js";
import { respondToRequest } from "../../pkg/wandb_resume.js";
import { decideBaseline } from "../baseline.js";
import { headers } from "./headers.js";
import answer from "./answer.json.txt";

// Stand-ins for what runs between two requests: 2 MB of other data and other code (V8's JSON
// builtins on a 20 KB document). Built on the first request, never at start-up.
let scratch = null;
function pollute() {
  scratch ??= {
    data: new Int32Array(1 << 19),
    document: JSON.stringify(
      Array.from({ length: 200 }, (_, i) => ({ id: `x${i}`, v: [i, "abc".repeat(i % 7)] })),
    ),
  };
  let sum = 0;
  for (let i = 0; i < scratch.data.length; i += 16) sum += scratch.data[i]++;
  return sum + JSON.stringify(JSON.parse(scratch.document)).length;
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get("n"));
    const body = url.searchParams.get("body") ?? "";
    const bytes = new TextEncoder().encode(body);
    const decoder = new TextDecoder();
    const decide = new Request("http://127.0.0.1/api/decide", {
      method: "POST",
      headers: { "content-type": "application/json" },
    });
    const handlers = {
      pollution: null,
      empty: () => new Response(answer, { headers }),
      floor: () =>
        new Response(JSON.stringify(decideBaseline(JSON.parse(decoder.decode(bytes)))), {
          headers,
        }),
      ours: () => respondToRequest(decide, bytes),
    };
    const handle = handlers[url.searchParams.get("handler")];
    if (handle === undefined || !Number.isInteger(n) || n < 1) {
      return new Response("unknown handler or bad n", { status: 400 });
    }
    if (url.searchParams.has("check")) {
      // One answer, to compare with the empty worker's bytes.
      return handle === null ? new Response("") : handle();
    }
    let checksum = 0;
    for (let i = 0; i < n; i++) {
      checksum += pollute();
      if (handle !== null) checksum += handle().status;
    }
    return new Response(String(checksum));
  },
};
