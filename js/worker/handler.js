// The edge handler: a standard `fetch(request, env, ctx)` module that runs unchanged on
// Cloudflare Workers (workerd), Deno (`deno serve`), Vercel Edge and Node. The API itself —
// routes, limits, statuses, every message — is the core's pure function
// (src/http_api.rs); this file only reads the body with the limit and, when the worker has
// an `ASSETS` binding (the web form's static files), serves what the API does not know.
//
// Nothing happens at module top level: workerd forbids random bytes outside a request.
import { apiBodyLimit, respondToRequest } from "../../pkg/wandb_resume.js";

/** The declared Content-Length when it is a plain decimal number, else null. */
function declaredLength(request) {
  const declared = request.headers.get("content-length");
  if (declared === null || declared.length === 0) return null;
  for (let i = 0; i < declared.length; i++) {
    const c = declared.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return Number(declared);
}

/**
 * Reads the body of `request` when handleRequest cannot read it in one step: none declared
 * (a chunked body, read chunk by chunk and stopped as soon as it passes `limit` bytes) or
 * `declared` over the limit (refused before a byte is read).
 * @returns {Promise<Uint8Array | "too-large" | "unreadable">}
 */
async function readBody(request, limit, declared) {
  if (request.body === null) return new Uint8Array(0);
  if (declared !== null && declared > limit) {
    await request.body.cancel().catch(() => {});
    return "too-large";
  }
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        return "too-large";
      }
      chunks.push(value);
    }
  } catch {
    return "unreadable";
  }
  if (chunks.length === 1) return chunks[0];
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

// Headers for the web form's static files: the page runs only its own scripts and the
// module's WebAssembly (`wasm-unsafe-eval`), never inline code.
const PAGE_SECURITY = {
  "content-security-policy":
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

const CONTENT_TYPES = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json; charset=utf-8",
  wasm: "application/wasm",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
  txt: "text/plain; charset=utf-8",
};

/** A static file from the `ASSETS` service (`/` → `/index.html`), or null when absent. */
async function serveAsset(request, assets) {
  const url = new URL(request.url);
  if (url.pathname.includes("..")) return null;
  if (url.pathname.endsWith("/")) url.pathname += "index.html";
  const found = await assets.fetch(new Request(url, { method: request.method }));
  if (!found.ok) {
    await found.body?.cancel().catch(() => {});
    return null;
  }
  const extension = url.pathname.slice(url.pathname.lastIndexOf(".") + 1).toLowerCase();
  const headers = new Headers(PAGE_SECURITY);
  headers.set("content-type", CONTENT_TYPES[extension] ?? "application/octet-stream");
  headers.set("cache-control", "no-cache");
  return new Response(request.method === "HEAD" ? null : found.body, { status: 200, headers });
}

// The module's body limit, read on the first request (the module may not be ready before).
let bodyLimit = null;

/** The last resort: a JSON 500 instead of the runtime's HTML error page. */
function internalError(error) {
  const message = `internal error: ${error instanceof Error ? error.message : String(error)}`;
  // As in every API answer, <, > and & are escaped so nothing in it can be read as markup.
  const body = JSON.stringify({ error: { code: "internal", message, status: 500 } }).replace(
    /[<>&]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return new Response(body, {
    status: 500,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "access-control-allow-origin": "*",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/**
 * Answers one request: the JSON API, or a static file of the web form when the worker has
 * an `ASSETS` binding and the path is not an API route.
 * @param {Request} request
 * @param {{ ASSETS?: { fetch(request: Request): Promise<Response> } }} [env]
 * @returns {Promise<Response>}
 */
export async function handleRequest(request, env) {
  try {
    const method = request.method;
    const takesBody = method !== "GET" && method !== "HEAD" && method !== "OPTIONS";
    bodyLimit ??= apiBodyLimit();
    let body = null;
    if (takesBody) {
      const declared = declaredLength(request);
      if (declared !== null && declared <= bodyLimit) {
        // What clients send for a JSON body: a length within the limit. Every request takes
        // this path, so it is read here with one await. HTTP framing holds the body to its
        // declared length; the length is checked again in case a caller built a Request
        // that lies.
        try {
          body = new Uint8Array(await request.arrayBuffer());
          if (body.byteLength > bodyLimit) body = "too-large";
        } catch {
          body = "unreadable";
        }
      } else {
        body = await readBody(request, bodyLimit, declared);
      }
    }
    const response = respondToRequest(request, body);
    if (response.status === 404 && env?.ASSETS && (method === "GET" || method === "HEAD")) {
      const asset = await serveAsset(request, env.ASSETS);
      if (asset !== null) return asset;
    }
    return response;
  } catch (error) {
    return internalError(error);
  }
}

export default { fetch: handleRequest };
