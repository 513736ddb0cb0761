#!/usr/bin/env node
// Writes docs/web-form.png, the README's picture of the web form: the page served by workerd
// as `npm start` serves it, in Debian's Chromium, with a configuration that shows a problem.
//
//   node scripts/screenshot.mjs        (after `npm run build`)
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { freePort, root, startWorkerd } from "./serve.mjs";

const fragment = new URLSearchParams([
  ["sdk", "0.19.0"],
  ["env.WANDB_RESUME", "must"],
  ["init.resume", "true"],
  ["ctx.shared", "no"],
  ["restart", "preempted.newMachine"],
  ["restart", "preempted.newMachine"],
]);
const server = await startWorkerd({ port: await freePort() });
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 900 },
    colorScheme: "light",
  });
  await page.goto(`${server.url}/#${fragment}`);
  await page.waitForSelector("body[data-ready=true]");
  mkdirSync(join(root, "docs"), { recursive: true });
  await page.screenshot({ path: join(root, "docs", "web-form.png"), fullPage: false });
  console.log("wrote docs/web-form.png");
} finally {
  await browser.close();
  await server.stop();
}
