// The baseline of the edge benchmark: a worker that reads the request body (as any POST
// handler must, or the runtime closes the connection) and returns a constant JSON.
const BODY = JSON.stringify({ valid: true });

export default {
  async fetch(request) {
    await request.arrayBuffer();
    return new Response(BODY, { headers: { "content-type": "application/json; charset=utf-8" } });
  },
};
