// The floor of the edge benchmark: the least any JSON API on this runtime must do for
// /api/decide, in plain JavaScript — parse the request body as JSON, build the answer with
// bench/baseline.js's hand-written function (only the benchmark configuration's path, no
// rule checked), and serialise it — with the same headers. It answers the same bytes as the
// package's worker (bench/edge/run.mjs checks), so it shows how much of the gap to the empty
// worker is the JSON round trip itself rather than the module.
import { decideBaseline } from "../baseline.js";
import { headers } from "./headers.js";

export default {
  async fetch(request) {
    const input = JSON.parse(await request.text());
    return new Response(JSON.stringify(decideBaseline(input)), { headers });
  },
};
