// The edge handler over real HTTP: workerd started exactly as `npm start` starts it
// (scripts/serve.mjs with serve/workerd.capnp), every route and every error status; the same
// handler under `deno serve` (the `deno` npm package) for the main routes; and in-process in
// Node. Every server started here is stopped, also when a test fails.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { decide, deriveRunId, methodTable, scenarios, sanitizeRunId } from "wandb-resume";
import worker, { handleRequest } from "wandb-resume/worker";
import { freePort, root, startProcess, startWorkerd } from "../../scripts/serve.mjs";

const JSON_TYPE = "application/json; charset=utf-8";
const CONFIG = { env: { WANDB_RESUME: "allow", WANDB_RUN_ID: "abc" }, init: { resume: "must" } };

/** Checks an error response: status, JSON content type, stable code, and no HTML. */
async function assertError(response, status, code) {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.equal(response.headers.get("content-type"), JSON_TYPE);
  assert.equal(response.headers.get("access-control-allow-origin"), "*");
  assert.ok(!/[<>]/.test(text), `markup in an error body: ${text}`);
  const body = JSON.parse(text);
  assert.equal(body.error.code, code, text);
  assert.equal(body.error.status, status);
  assert.equal(typeof body.error.message, "string");
  return body.error;
}

/**
 * POSTs up to `total` bytes of JSON whitespace with chunked encoding, chunk by chunk, and stops
 * sending when the response arrives. Resolves with the status, the body and the bytes sent.
 */
function streamChunked(url, total) {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const request = httpRequest(url, {
      method: "POST",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
    });
    request.on("response", (response) => {
      answered = true;
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (d) => (body += d));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode, body, sent });
      });
    });
    request.on("error", (error) => {
      // The server may close the connection after its answer while a chunk is in flight;
      // the reset can then discard the answer before it is read (a TCP fact, not a bug).
      if (!answered) resolve({ status: null, error: error.code, sent });
    });
    // One chunk at a time, each after the previous one was handed to the socket, so the
    // answer is seen as soon as it arrives.
    const pump = () => {
      if (answered || request.destroyed) return;
      if (sent >= total) return request.end();
      sent += chunk.length;
      request.write(chunk, () => setImmediate(pump));
    };
    pump();
  });
}

function postJson(url, body, headers = {}) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
}

/** The routes every runtime must answer the same way. */
async function checkMainRoutes(base) {
  const health = await fetch(`${base}/healthz`);
  assert.equal(health.status, 200);
  assert.equal((await health.json()).status, "ok");

  const decided = await postJson(`${base}/api/decide`, CONFIG);
  assert.equal(decided.status, 200);
  assert.equal(decided.headers.get("content-type"), JSON_TYPE);
  assert.deepEqual(await decided.json(), decide(CONFIG));

  const ids = await (await fetch(`${base}/api/id?count=5&length=10`)).json();
  assert.equal(ids.ids.length, 5);
  for (const id of ids.ids) assert.match(id, /^[a-z0-9]{10}$/);
  assert.equal(new Set(ids.ids).size, 5);

  const derived = await (
    await fetch(`${base}/api/derive?key=${encodeURIComponent("job/7 ✓")}`)
  ).json();
  assert.deepEqual(derived, { key: "job/7 ✓", length: 16, runId: deriveRunId("job/7 ✓") });

  await assertError(
    await postJson(`${base}/api/decide`, { init: { resume: 5 } }),
    422,
    "invalid-input",
  );
  await assertError(await postJson(`${base}/api/decide`, "{"), 400, "malformed-json");
  await assertError(
    await postJson(`${base}/api/decide`, "x".repeat(70_000)),
    413,
    "body-too-large",
  );
  await assertError(await fetch(`${base}/api/decide`), 405, "method-not-allowed");
  await assertError(await fetch(`${base}/api/nope`), 404, "not-found");
}

describe("on workerd, as npm start runs it", () => {
  let server;
  before(async () => {
    server = await startWorkerd({ port: await freePort() });
  });
  after(() => server?.stop());

  test("the main routes", () => checkMainRoutes(server.url));

  test("every route answers", async () => {
    const base = server.url;
    const timeline = await postJson(`${base}/api/simulate`, {
      input: CONFIG,
      attempts: [{ after: "preempted", where: "newMachine" }],
    });
    assert.equal(timeline.status, 200);
    assert.equal((await timeline.json()).attempts.length, 2);

    const sanitized = await postJson(`${base}/api/sanitize`, { raw: "my run/1", sdk: "0.17.0" });
    assert.deepEqual(await sanitized.json(), sanitizeRunId("my run/1", { sdk: "0.17.0" }));

    assert.deepEqual(await (await fetch(`${base}/api/method-table`)).json(), methodTable());
    assert.deepEqual(await (await fetch(`${base}/api/scenarios`)).json(), scenarios());

    const index = await (await fetch(`${base}/api`)).json();
    assert.ok(index.routes.some((r) => r.method === "POST" && r.path === "/api/decide"));
    assert.equal(index.bodyLimit, 65536);

    const one = await (await fetch(`${base}/api/id`)).json();
    assert.match(one.ids[0], /^[a-z0-9]{8}$/);

    const head = await fetch(`${base}/healthz`, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), "");
  });

  test("CORS preflight", async () => {
    const response = await fetch(`${server.url}/api/decide`, {
      method: "OPTIONS",
      headers: {
        origin: "https://ci.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get("access-control-allow-origin"), "*");
    assert.equal(response.headers.get("access-control-allow-methods"), "POST, OPTIONS");
    assert.equal(response.headers.get("access-control-allow-headers"), "content-type");
    assert.equal(response.headers.get("access-control-max-age"), "86400");
  });

  test("every error status, always JSON", async () => {
    const base = server.url;
    await assertError(await postJson(`${base}/api/decide`, ""), 400, "empty-body");
    await assertError(
      await postJson(`${base}/api/decide`, '{"env": {}} trailing'),
      400,
      "malformed-json",
    );
    await assertError(
      await postJson(`${base}/api/decide`, new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d])),
      400,
      "body-not-utf8",
    );
    await assertError(await postJson(`${base}/api/decide`, "[1]"), 422, "invalid-input");
    await assertError(await postJson(`${base}/api/decide`, { nope: 1 }), 422, "invalid-input");
    await assertError(
      await postJson(`${base}/api/decide`, '{"init":{"id":"\\ud800"}}'),
      422,
      "lone-surrogate",
    );
    await assertError(await postJson(`${base}/api/simulate`, { input: {} }), 422, "invalid-input");
    await assertError(await postJson(`${base}/api/sanitize`, { raw: 1 }), 422, "invalid-input");
    await assertError(await fetch(`${base}/api/id?count=0`), 422, "invalid-count");
    await assertError(await fetch(`${base}/api/id?length=500`), 422, "invalid-length");
    await assertError(await fetch(`${base}/api/id?count=ten`), 400, "invalid-query");
    await assertError(await fetch(`${base}/api/id?lenght=8`), 400, "invalid-query");
    await assertError(await fetch(`${base}/api/derive`), 400, "invalid-query");
    await assertError(await fetch(`${base}/api/derive?key=a%FF`), 400, "invalid-query");
    await assertError(await fetch(`${base}/api/derive?key=`), 422, "empty-key");

    const wrongMethod = await fetch(`${base}/api/decide`, { method: "PUT", body: "{}" });
    assert.equal(wrongMethod.headers.get("allow"), "POST, OPTIONS");
    await assertError(wrongMethod, 405, "method-not-allowed");
    const deleteId = await fetch(`${base}/api/id`, { method: "DELETE" });
    assert.equal(deleteId.headers.get("allow"), "GET, HEAD, OPTIONS");
    await assertError(deleteId, 405, "method-not-allowed");

    await assertError(
      await fetch(`${base}/api/decide`, { method: "POST", body: "{}" }),
      415,
      "unsupported-media-type",
    );
    await assertError(
      await postJson(`${base}/api/decide`, "{}", { "content-type": "text/plain" }),
      415,
      "unsupported-media-type",
    );
    await assertError(await fetch(`${base}/api/decide/`), 404, "not-found");
    await assertError(await fetch(`${base}/<img src=x onerror=alert(1)>`), 404, "not-found");
    await assertError(await fetch(`${base}/missing.js`), 404, "not-found");
  });

  test("a body over the limit is refused without reading it all", async () => {
    // Announced: Content-Length over the limit, refused before a byte is read.
    await assertError(
      await postJson(`${server.url}/api/decide`, "x".repeat(65_537)),
      413,
      "body-too-large",
    );
    // Streamed without a length (chunked): 10 MB offered, the 413 arrives long before the end.
    // The server either answers 413 or, having answered, cuts the connection; in both cases
    // it stopped reading long before the end. (The exact count is checked in process below.)
    const { status, body, error, sent } = await streamChunked(
      `${server.url}/api/decide`,
      10 * 1024 * 1024,
    );
    if (status === null) assert.ok(["EPIPE", "ECONNRESET"].includes(error), error);
    else {
      assert.equal(status, 413, body);
      assert.equal(JSON.parse(body).error.code, "body-too-large");
    }
    assert.ok(sent < 10 * 1024 * 1024, `the whole body was sent (${sent} bytes)`);
  });

  test("the web form's files, with a Content-Security-Policy", async () => {
    const page = await fetch(`${server.url}/`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get("content-type"), "text/html; charset=utf-8");
    const csp = page.headers.get("content-security-policy");
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.ok(!csp.includes("unsafe-inline") && !csp.includes("'unsafe-eval'"), csp);
    assert.match(await page.text(), /<title>wandb-resume/);
  });
});

describe("on Deno (deno serve)", () => {
  let server;
  let base;
  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const deno = join(root, "node_modules", "@deno", "linux-x64-glibc", "deno");
    server = await startProcess(
      deno,
      [
        "serve",
        "--quiet",
        "--host",
        "127.0.0.1",
        "--port",
        String(port),
        "--allow-read=pkg",
        "js/worker/browser.js",
      ],
      {
        name: "deno",
        readyUrl: `${base}/healthz`,
        timeoutMs: 30_000,
        cwd: root,
        env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
      },
    );
  });
  after(() => server?.stop());

  test("the main routes", () => checkMainRoutes(base));
});

describe("in process (Node)", () => {
  test("the default export is a fetch handler", async () => {
    const response = await worker.fetch(new Request("http://x/healthz"));
    assert.equal(response.status, 200);
  });

  test("static files come from env.ASSETS, only for paths the API does not know", async () => {
    const asked = [];
    const env = {
      ASSETS: {
        async fetch(request) {
          asked.push(new URL(request.url).pathname);
          return new URL(request.url).pathname === "/index.html"
            ? new Response("<!doctype html>")
            : new Response("missing", { status: 404 });
        },
      },
    };
    const page = await handleRequest(new Request("http://x/"), env);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get("content-type"), "text/html; charset=utf-8");
    assert.ok(page.headers.get("content-security-policy"));
    await assertError(await handleRequest(new Request("http://x/nope.css"), env), 404, "not-found");
    await handleRequest(new Request("http://x/healthz"), env);
    await assertError(
      await handleRequest(new Request("http://x/index.html", { method: "POST", body: "{}" }), env),
      404,
      "not-found",
    );
    assert.deepEqual(asked, ["/index.html", "/nope.css"]);
  });

  test("a streamed body is read only up to the limit", async () => {
    let pulled = 0;
    const body = new ReadableStream({
      pull(controller) {
        pulled += 1000;
        controller.enqueue(new Uint8Array(1000).fill(0x20));
      },
    });
    const request = new Request("http://x/api/decide", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    });
    await assertError(await handleRequest(request), 413, "body-too-large");
    assert.ok(pulled <= 65_536 + 2 * 1000, `pulled ${pulled} bytes`);
  });

  test("a body stream that fails is a 400, not a 500", async () => {
    const body = new ReadableStream({
      pull() {
        throw new Error("connection reset");
      },
    });
    const request = new Request("http://x/api/decide", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    });
    await assertError(await handleRequest(request), 400, "body-unreadable");
  });

  test("an assets service that throws still gets a JSON answer", async () => {
    const env = { ASSETS: { fetch: () => Promise.reject(new Error("disk gone")) } };
    await assertError(await handleRequest(new Request("http://x/page"), env), 500, "internal");
  });
});
