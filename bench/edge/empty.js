// The baseline of the edge benchmark: a worker that does no work — it reads the request body
// (as any POST handler must, or the runtime closes the connection) and returns a constant:
// the very JSON and headers /api/decide answers for the benchmark's configuration (written
// by bench/edge/run.mjs before workerd starts), so the two differ only in computing it.
import body from "./answer.json.txt";
import { headers } from "./headers.js";

export default {
  async fetch(request) {
    await request.arrayBuffer();
    return new Response(body, { headers });
  },
};
