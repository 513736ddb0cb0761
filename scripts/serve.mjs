#!/usr/bin/env node
// Serves the API and the web form on workerd (the Cloudflare Workers runtime, from the
// `workerd` npm package) with the committed config serve/workerd.capnp.
//
//   node scripts/serve.mjs            # http://localhost:8787 (PORT=… to change)
//
// `npm start` builds what is missing first (scripts/start.sh). The edge tests and the edge
// benchmark start workerd through startWorkerd() too, so they run what `npm start` runs.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const workerdBin = join(
  root,
  "node_modules",
  "@cloudflare",
  "workerd-linux-64",
  "bin",
  "workerd",
);

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** True when something already listens on 127.0.0.1:`port`. */
function portTaken(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(true));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(false)));
  });
}

/**
 * Starts workerd with `config` (default serve/workerd.capnp; `[file, constName]` picks one
 * config of several in a file), each socket named in `sockets`
 * (default `http` on `port`) on 127.0.0.1, and waits until `readyPath` answers on `port`.
 * Returns `{ url, child, stop, output }`; `stop()` ends workerd and resolves once it exited.
 */
export async function startWorkerd({
  port,
  config = join(root, "serve", "workerd.capnp"),
  sockets = { http: port },
  directories = { www: join(root, "www") },
  readyPath = "/healthz",
  timeoutMs = 20000,
  quiet = true,
  pollMs,
} = {}) {
  if (!existsSync(workerdBin)) {
    throw new Error(`workerd is not installed at ${workerdBin}; run \`npm ci\` first`);
  }
  const args = ["serve", ...[config].flat()];
  for (const [name, socketPort] of Object.entries(sockets)) {
    if (await portTaken(socketPort)) {
      throw new Error(`port ${socketPort} is already in use; set PORT to another port`);
    }
    args.push("--socket-addr", `${name}=127.0.0.1:${socketPort}`);
  }
  for (const [name, path] of Object.entries(directories)) {
    args.push("--directory-path", `${name}=${path}`);
  }
  const url = `http://127.0.0.1:${port}`;
  const server = await startProcess(workerdBin, args, {
    name: "workerd",
    readyUrl: url + readyPath,
    timeoutMs,
    quiet,
    pollMs,
  });
  return { url, ...server };
}

/**
 * Starts `bin` with `args` and waits until `readyUrl` answers over HTTP. Returns
 * `{ child, stop, output }`; `stop()` ends the process and resolves once it has exited.
 * Shared by workerd here and `deno serve` in the edge tests.
 */
export async function startProcess(
  bin,
  args,
  { name, readyUrl, timeoutMs = 20000, quiet = true, cwd, env, pollMs = 100 } = {},
) {
  const child = spawn(bin, args, {
    cwd,
    env,
    stdio: ["ignore", quiet ? "pipe" : "inherit", quiet ? "pipe" : "inherit"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  const start = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    try {
      const response = await fetch(readyUrl);
      await response.arrayBuffer();
      return { child, stop, output: () => output };
    } catch {
      if (Date.now() - start > timeoutMs) {
        await stop();
        throw new Error(`${name} did not answer ${readyUrl} in ${timeoutMs} ms:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`PORT must be a port number, got ${JSON.stringify(process.env.PORT)}`);
    process.exit(2);
  }
  let server;
  try {
    server = await startWorkerd({ port, quiet: false });
  } catch (error) {
    console.error(`could not start workerd: ${error.message}`);
    process.exit(1);
  }
  const shown = `http://localhost:${port}`;
  console.log(`wandb-resume is serving on ${shown}`);
  console.log(`  web form  ${shown}/`);
  console.log(
    `  API       ${shown}/api  (e.g. curl -d '{"env":{"WANDB_RESUME":"must"}}' -H 'content-type: application/json' ${shown}/api/decide)`,
  );
  console.log("Press Ctrl-C to stop.");
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, async () => {
      stopping = true;
      await server.stop();
      process.exit(0);
    });
  }
  server.child.once("exit", (code, signal) => {
    if (stopping) return;
    console.error(`workerd stopped unexpectedly (${code ?? signal}):\n${server.output()}`);
    process.exit(1);
  });
}
