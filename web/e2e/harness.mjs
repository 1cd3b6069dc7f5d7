// The browser test harness: it builds and starts the real playground server (cmd/playserver)
// on a free loopback port, drives Debian's Chromium through playwright-core, and gives each test
// a fresh browser profile and a fresh page load. Console errors and uncaught page errors fail
// the test that caused them, and a failing test leaves a screenshot, the page's HTML and its
// console in build/e2e-artifacts/ (headed debugging is impossible on these machines). The
// node:test glue is in apptest.mjs, so bench.mjs can use this file without the test runner.

import { spawn, execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const execFileP = promisify(execFile);

// Everything started here registers its teardown; cleanupAll runs them newest first.
const cleanups = [];

export async function cleanupAll() {
  while (cleanups.length) {
    await cleanups.pop()().catch(() => {});
  }
}

// Servers still running when the process exits (a test timed out, someone pressed Ctrl-C) are
// killed, and temporary folders removed, synchronously: an 'exit' handler cannot wait, and
// Playwright's own signal handler may exit before cleanupAll has finished. Playwright kills
// the browsers it launched.
const servers = new Set();
const tempDirs = new Set();
process.once('exit', () => {
  for (const child of servers) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function tempDir(prefix) {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

async function removeDir(dir) {
  await rm(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.once(sig, () => {
    cleanupAll().finally(() => process.exit(code));
  });
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// The production site (`make dist`) unless E2E_SITE names another folder (e.g. build/site).
export const siteDir = path.resolve(repoRoot, process.env.E2E_SITE || 'dist');

export const artifactsDir = path.join(repoRoot, 'build', 'e2e-artifacts');

export const chromiumPath = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

// Flags for a quiet, reproducible headless Chromium: no sandbox (we run as root in CI), no GPU,
// /tmp instead of a small /dev/shm, and none of the background traffic a fresh profile starts
// (component updates, sync, QUIC probes), since this machine reaches no network anyway.
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

// Big enough that every panel is laid out as a person on a laptop sees it.
export const viewport = { width: 1440, height: 1000 };

const serverLineRe = /^Kafka playground: (http:\/\/127\.0\.0\.1:\d+\/)\s*$/;
const serverStartTimeoutMs = 60_000;
const readyTimeoutMs = 30_000;

// ---- the server -------------------------------------------------------------------------

let serverBinary; // a promise: one `go build` per process, however many tests ask

// buildServer compiles cmd/playserver once into a temporary folder, so tests do not pay for
// `go run` (compile and link) on every start. E2E_SERVER_BIN skips the build.
export function buildServer() {
  if (process.env.E2E_SERVER_BIN) {
    return Promise.resolve(path.resolve(process.env.E2E_SERVER_BIN));
  }
  serverBinary ??= (async () => {
    const dir = await tempDir('kpl-e2e-bin-');
    cleanups.push(() => removeDir(dir));
    const bin = path.join(dir, 'playserver');
    try {
      await execFileP(process.env.GO || 'go', ['build', '-o', bin, './cmd/playserver'], {
        cwd: repoRoot,
        maxBuffer: 16 << 20,
      });
    } catch (err) {
      throw new Error(`go build ./cmd/playserver failed:\n${err.stderr || err.message}`);
    }
    return bin;
  })();
  return serverBinary;
}

// startServer serves dir (the dist site by default) on 127.0.0.1 at a port the kernel picks
// and resolves once the server has printed its URL line.
export async function startServer({ dir = siteDir, dev = false } = {}) {
  try {
    await access(path.join(dir, 'index.html'));
  } catch {
    throw new Error(`${dir}/index.html is missing: build the site first (make dist, or make site with E2E_SITE=build/site)`);
  }
  const bin = await buildServer();
  const args = [...(dev ? ['-dev'] : []), '-dir', dir, '-addr', '127.0.0.1:0'];
  const child = spawn(bin, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  servers.add(child);
  child.once('exit', () => servers.delete(child));
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-8000); });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const url = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => {
      reject(new Error(`playserver printed no URL within ${serverStartTimeoutMs} ms; stderr:\n${stderr}`));
    }, serverStartTimeoutMs);
    child.stdout.on('data', (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const m = serverLineRe.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      }
    });
    child.once('error', (err) => { clearTimeout(timer); reject(err); });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`playserver exited (code ${code}, signal ${signal}) before printing its URL; stderr:\n${stderr}`));
    });
  });
  child.stdout.resume(); // keep draining so a chatty server never blocks on a full pipe

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    let timer;
    const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), 5000); });
    const how = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (how === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  };
  cleanups.push(stop);
  return { url, stop, stderr: () => stderr };
}

// ---- the browser ------------------------------------------------------------------------

// launchBrowser starts Chromium with a fresh temporary profile, deleted by close(). Each call
// is a separate browser process: no cache, storage or service worker survives between tests.
export async function launchBrowser({ reducedMotion } = {}) {
  const userDataDir = await tempDir('kpl-e2e-profile-');
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      viewport,
      reducedMotion: reducedMotion || 'no-preference',
      timeout: 60_000,
    });
  } catch (err) {
    await removeDir(userDataDir);
    throw new Error(`could not start ${chromiumPath} (run web/e2e/ensure-chromium.sh): ${err.message}`);
  }
  const close = async () => {
    await context.close().catch(() => {});
    await removeDir(userDataDir);
  };
  cleanups.push(close);
  return { context, close };
}

// ---- one page of the app ----------------------------------------------------------------

// AppPage is one loaded playground page with the errors it reported.
export class AppPage {
  constructor(page) {
    this.page = page;
    this.consoleErrors = []; // console.error and failed-resource messages
    this.pageErrors = []; // uncaught exceptions and unhandled rejections
    this.consoleLog = []; // every console message, for the artifacts
    page.on('console', (msg) => {
      const where = msg.location()?.url;
      const text = where ? `${msg.text()} (${where})` : msg.text();
      this.consoleLog.push(`[${msg.type()}] ${text}`);
      if (msg.type() === 'error') this.consoleErrors.push(text);
    });
    page.on('pageerror', (err) => {
      this.consoleLog.push(`[pageerror] ${err.stack || err.message}`);
      this.pageErrors.push(err.stack || err.message);
    });
    page.on('crash', () => this.pageErrors.push('the page crashed'));
  }

  // errors lists everything that makes a test fail by itself.
  errors() {
    return [
      ...this.consoleErrors.map((e) => `console error: ${e}`),
      ...this.pageErrors.map((e) => `page error: ${e}`),
    ];
  }

  // goto loads the app and waits until the Go program has drawn its first render.
  async goto(baseURL, query = '') {
    await this.page.goto(new URL(query, baseURL).href, { waitUntil: 'load' });
    await this.page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: readyTimeoutMs });
  }

  role(role, name, opts = {}) {
    return this.page.getByRole(role, { name, exact: true, ...opts });
  }

  get commandBox() { return this.role('textbox', 'Command'); }
  get consoleOutput() { return this.role('log', 'Console output'); }
  get eventLog() { return this.role('log', 'Event log'); }
  broker(id) { return this.role('group', `Broker ${id}`); }

  // run types a line into the console, presses Enter and returns the lines printed after
  // its echo. The input is cleared in the same render that prints the output, so an empty
  // input means the output is in the page.
  async run(line) {
    const box = this.commandBox;
    await box.fill(line);
    await box.press('Enter');
    await this.page.waitForFunction(() => document.getElementById('command')?.value === '', null, { timeout: 20_000 });
    return this.outputAfter(line);
  }

  // outputAfter returns the console lines after the last echo of line, joined by newlines.
  async outputAfter(line) {
    return this.page.evaluate((cmd) => {
      const rows = [...document.querySelectorAll('#console-output .line')];
      let i = rows.length - 1;
      while (i >= 0 && !(rows[i].classList.contains('cmd') && rows[i].textContent.trim() === cmd)) i--;
      if (i < 0) return null;
      return rows.slice(i + 1).map((r) => r.textContent.replace(/\n$/, '')).join('\n');
    }, line);
  }

  // simTimeText is the simulated time the header shows.
  simTimeText() { return this.page.locator('#sim-time').textContent(); }

  // settle runs `settle` in the console: the cluster advances until it is quiet.
  settle() { return this.run('settle'); }

  // startCluster waits until all brokers are up, stepping the clock as a person would.
  async startCluster(brokers = 3) {
    const allUp = async () => {
      for (let id = 1; id <= brokers; id++) {
        if ((await this.broker(id).getAttribute('data-state')) !== 'up') return false;
      }
      return true;
    };
    for (let i = 0; i < 50 && !(await allUp()); i++) {
      await this.role('button', 'Step').click();
    }
    if (!(await allUp())) await this.settle();
    await eventually(async () => {
      for (let id = 1; id <= brokers; id++) {
        const state = await this.broker(id).getAttribute('data-state');
        if (state !== 'up') throw new Error(`broker ${id} is ${state}, want up`);
      }
    });
  }

  async saveArtifacts(name) {
    await mkdir(artifactsDir, { recursive: true });
    const base = path.join(artifactsDir, name);
    await this.page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 10_000 }).catch((e) => {
      this.consoleLog.push(`[harness] screenshot failed: ${e.message}`);
    });
    const html = await this.page.content().catch((e) => `<!-- page.content failed: ${e.message} -->`);
    await writeFile(`${base}.html`, html);
    await writeFile(`${base}.console.txt`, this.consoleLog.join('\n') + '\n');
    return base;
  }
}

// ---- waiting ----------------------------------------------------------------------------

// eventually retries an assertion until it passes or the time is up, then throws its last
// error: the simulation and the 10 Hz renders make most facts true a little later.
export async function eventually(check, { timeoutMs = 15_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

// newApp launches a fresh browser and wraps its page; the caller loads the app with goto
// (after adding any init scripts) and closes the browser when done.
export async function newApp({ reducedMotion } = {}) {
  const browser = await launchBrowser({ reducedMotion });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  return { app: new AppPage(page), browser };
}
