// The web benchmark (`make bench-web`): what a learner downloads, how soon the cluster is on
// screen, and how smooth the page stays while a busy cluster animates. It prints figures and
// a table for the README; it is not a test and sets no pass mark (the goals are in issue 4:
// at most 1.5 MB brotli, first usable within 0.7 s on localhost, p95 frame time ≤ 16.7 ms).
//
//   node bench.mjs [--loads 5] [--seconds 5] [--records 10000]

import { readFile, readdir, stat } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanupAll, newApp, repoRoot, siteDir, startServer } from './harness.mjs';

const { values: flags } = parseArgs({
  options: {
    loads: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '5' },
    records: { type: 'string', default: '10000' },
  },
});
const loads = Number(flags.loads);
const sampleSeconds = Number(flags.seconds);
const targetRecords = Number(flags.records);

const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;
const ms = (x) => (x == null || Number.isNaN(x) ? 'n/a' : `${x.toFixed(1)} ms`);

function median(xs) {
  const s = xs.toSorted((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function quantile(xs, q) {
  const s = xs.toSorted((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

// ---- (a) transfer size ------------------------------------------------------------------

const textExts = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.webmanifest', '.txt']);

// referencedFiles walks from index.html to every site file it names, and on through the text
// files among them (CSS, JS): a file counts when its name appears as a whole word in a file
// already reached. Hashed names make accidental matches unlikely, and a file nothing names is
// not downloaded, so it is not counted.
async function referencedFiles(dir) {
  const all = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)))
    .filter((f) => !f.endsWith('.br') && !f.endsWith('.gz'));
  const reached = new Set(['index.html']);
  const queue = ['index.html'];
  while (queue.length) {
    const file = queue.shift();
    if (!textExts.has(path.extname(file))) continue;
    const text = await readFile(path.join(dir, file), 'utf8');
    for (const cand of all) {
      if (reached.has(cand)) continue;
      const name = cand.split(path.sep).join('/');
      const re = new RegExp(`(^|[^\\w.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w.-])`);
      if (re.test(text) || re.test(text.replaceAll('./', ''))) {
        reached.add(cand);
        queue.push(cand);
      }
    }
  }
  return [...reached].sort();
}

async function size(file) {
  try {
    return (await stat(file)).size;
  } catch {
    return null;
  }
}

async function transferSize(dir) {
  const rows = [];
  for (const f of await referencedFiles(dir)) {
    const full = path.join(dir, f);
    const variants = [
      ['raw', await size(full)],
      ['gzip', await size(`${full}.gz`)],
      ['brotli', await size(`${full}.br`)],
    ].filter(([, n]) => n != null);
    const [enc, n] = variants.reduce((best, v) => (v[1] < best[1] ? v : best));
    rows.push({ file: f, raw: variants[0][1], enc, bytes: n });
  }
  return { rows, total: rows.reduce((s, r) => s + r.bytes, 0), raw: rows.reduce((s, r) => s + r.raw, 0) };
}

// ---- (b) time to the first drawn cluster --------------------------------------------------

// Records when a broker card is first in the DOM, from a MutationObserver installed before any
// page script runs, so polling from outside does not blur the figure.
const firstClusterProbe = () => {
  const seen = () => document.querySelector('[role="group"][data-broker]');
  const done = () => {
    if (window.__e2eFirstCluster == null && document.body?.dataset.ready === '1' && seen()) {
      window.__e2eFirstCluster = performance.now();
    }
  };
  new MutationObserver(done).observe(document, { subtree: true, childList: true, attributes: true });
};

async function firstRender(url) {
  const samples = [];
  for (let i = 0; i < loads; i++) {
    const { app, browser } = await newApp();
    try {
      await app.page.addInitScript(firstClusterProbe);
      await app.goto(url);
      await app.page.waitForFunction(() => window.__e2eFirstCluster != null, null, { timeout: 30_000 });
      samples.push(await app.page.evaluate(() => {
        const mark = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
        const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
        return {
          cluster: window.__e2eFirstCluster,
          firstRender: mark('first-render'),
          instantiated: mark('wasm-instantiated'),
          wasmTransfer: wasm?.transferSize ?? null,
          wasmEncoded: wasm?.encodedBodySize ?? null,
          wasmDecoded: wasm?.decodedBodySize ?? null,
        };
      }));
      const errs = app.errors();
      if (errs.length) throw new Error(`the page reported errors:\n${errs.join('\n')}`);
    } finally {
      await browser.close();
    }
  }
  return samples;
}

// ---- (c) frame times while animating ----------------------------------------------------

async function totalOffsets(app, topic) {
  const out = await app.run(`kafka-get-offsets.sh --bootstrap-server localhost:9092 --topic ${topic}`);
  let sum = 0;
  for (const m of (out || '').matchAll(new RegExp(`^${topic}:\\d+:(\\d+)$`, 'gm'))) sum += Number(m[1]);
  return sum;
}

// Samples requestAnimationFrame deltas and long tasks in the page for seconds.
const sampleFrames = (seconds) => new Promise((resolve) => {
  const deltas = [];
  let longTasks = 0;
  let longTaskMs = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) { longTasks++; longTaskMs += e.duration; }
  });
  try { obs.observe({ type: 'longtask', buffered: false }); } catch { /* not supported */ }
  const before = { ...(window.__kpl || {}) };
  const end = performance.now() + seconds * 1000;
  let last = null;
  const step = (t) => {
    if (last != null) deltas.push(t - last);
    last = t;
    if (t < end) {
      requestAnimationFrame(step);
      return;
    }
    obs.disconnect();
    const after = { ...(window.__kpl || {}) };
    resolve({ deltas, longTasks, longTaskMs, before, after, flights: document.querySelectorAll('#lanes .flight').length });
  };
  requestAnimationFrame(step);
});

async function busyCluster(url) {
  const { app, browser } = await newApp();
  try {
    await app.goto(url);
    await app.startCluster();
    await app.run('kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 12 --replication-factor 3');
    await app.run('producer add p --topic t --rate 1000 --keys a,b,c,d');
    let records = 0;
    for (let i = 0; i < 200 && records < targetRecords; i++) {
      const ticks = Math.max(1, Math.min(100, Math.ceil((targetRecords - records) / 100)));
      await app.run(`tick ${ticks}`);
      records = await totalOffsets(app, 't');
    }
    if (records < targetRecords) throw new Error(`only ${records} records after ticking; is producer p running?`);

    const speeds = await app.page.getByRole('combobox', { name: 'Speed', exact: true }).evaluate((el) =>
      [...el.options].map((o) => ({ value: o.value, label: o.textContent.trim(), selected: o.selected })));
    const nominal = speeds.find((s) => s.selected) ?? speeds[0];
    const top = speeds.at(-1);

    await app.role('button', 'Play').click();
    await app.role('button', 'Pause').waitFor();
    const runs = [];
    for (const speed of nominal.value === top.value ? [nominal] : [nominal, top]) {
      await app.page.getByRole('combobox', { name: 'Speed', exact: true }).selectOption(speed.value);
      await app.page.waitForTimeout(1000); // let the new speed reach a steady state
      const recordsAtStart = await totalOffsets(app, 't');
      const r = await app.page.evaluate(sampleFrames, sampleSeconds);
      runs.push({ speed: speed.label, recordsAtStart, recordsAtEnd: await totalOffsets(app, 't'), ...r });
    }
    await app.role('button', 'Pause').click();
    const errs = app.errors();
    if (errs.length) throw new Error(`the page reported errors:\n${errs.join('\n')}`);
    return { records, runs };
  } finally {
    await browser.close();
  }
}

// ---- (d) seeking in a long run ----------------------------------------------------------

// seekRun builds a run of 10,000 steps (a topic, a producer at a rate, a consumer group, and
// the clock playing, with a broker killed and restarted now and then), then drags the
// timeline's scrubber to random steps. The page times each seek itself (window.__kpl.seekMsAll,
// from App.Timing): replaying from the nearest snapshot, rebuilding the event log, checking
// the lesson goal. The render that follows is not part of a seek.
async function seekRun(url, steps = 10_000, seeks = 40) {
  const { app, browser } = await newApp();
  try {
    await app.goto(url, '?debug=1');
    await app.run('kafka-topics.sh --bootstrap-server localhost:9092 --create --topic t --partitions 12 --replication-factor 3');
    await app.run('producer add p --topic t --rate 50 --keys a,b,c,d');
    await app.run('consumer add c --group g --topic t');
    for (let i = 0; i < 10; i++) {
      await app.run(`debug play ${Math.floor(steps / 10) - 3}`);
      await app.run(i % 2 ? 'broker start 2' : 'broker kill 2');
    }
    const len = Number(await app.role('slider', 'Timeline').getAttribute('max'));
    let seed = 7;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    for (let i = 0; i < seeks; i++) {
      const step = Math.floor(rnd() * len);
      await app.role('slider', 'Timeline').evaluate((el, v) => {
        el.value = String(v);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }, step);
      await app.page.waitForFunction((n) => (window.__kpl?.seekMsAll?.length ?? 0) >= n, i + 1, { timeout: 20_000 });
    }
    const all = await app.page.evaluate(() => window.__kpl.seekMsAll);
    const errs = app.errors();
    if (errs.length) throw new Error(`the page reported errors:\n${errs.join('\n')}`);
    return { len, all };
  } finally {
    await browser.close();
  }
}

// ---- main -------------------------------------------------------------------------------

async function main() {
  // Timings on a shared 2-core machine mean little while other builds run: say how busy it was.
  const load = () => loadavg()[0].toFixed(1);
  console.log(`machine: ${availableParallelism()} cores, load average ${load()} at the start`);
  const transfer = await transferSize(siteDir);
  const rel = path.relative(repoRoot, siteDir);
  console.log(`site: ${rel.startsWith('..') ? siteDir : rel}`);
  for (const r of transfer.rows) {
    console.log(`  ${r.file.padEnd(40)} ${String(r.raw).padStart(9)} raw  ${String(r.bytes).padStart(9)} ${r.enc}`);
  }
  console.log(`transfer (brotli) ${kb(transfer.total)} (${transfer.total} bytes; ${kb(transfer.raw)} uncompressed)`);

  const server = await startServer();
  const loadsSeen = await firstRender(server.url);
  const clusterMs = median(loadsSeen.map((s) => s.cluster));
  const firstRenderMs = median(loadsSeen.map((s) => s.firstRender).filter((x) => x != null));
  const instantiatedMs = median(loadsSeen.map((s) => s.instantiated).filter((x) => x != null));
  console.log(`first drawn cluster: median ${ms(clusterMs)} of ${loads} fresh loads ` +
    `[${loadsSeen.map((s) => s.cluster.toFixed(0)).join(', ')}]; first-render mark ${ms(firstRenderMs)}, ` +
    `wasm instantiated ${ms(instantiatedMs)}`);
  const w = loadsSeen[0];
  if (w.wasmEncoded != null) {
    console.log(`wasm over the wire: ${kb(w.wasmTransfer)} transferred, ${kb(w.wasmEncoded)} encoded, ${kb(w.wasmDecoded)} decoded`);
  }

  const busy = await busyCluster(server.url);
  console.log(`busy cluster: 3 brokers, topic t with 12 partitions x RF3, producer p at 1000 records/s, ` +
    `${busy.records} records before playing`);
  const frameRows = [];
  for (const r of busy.runs) {
    const p50 = quantile(r.deltas, 0.5);
    const p95 = quantile(r.deltas, 0.95);
    const max = Math.max(...r.deltas);
    const renders = (r.after.renders ?? 0) - (r.before.renders ?? 0);
    console.log(`frames at ${r.speed} (${r.recordsAtStart} → ${r.recordsAtEnd} records): ` +
      `${r.deltas.length} frames in ${sampleSeconds} s; p50 ${ms(p50)}, p95 ${ms(p95)}, ` +
      `max ${ms(max)}; ${r.longTasks} long tasks (${r.longTaskMs.toFixed(0)} ms); ${r.flights} .flight nodes at the end`);
    if (r.after.renders != null) {
      console.log(`  window.__kpl: ${r.after.renders} renders (${(renders / sampleSeconds).toFixed(1)}/s while sampling), ` +
        `last buildMs ${r.after.buildMs}, syncMs ${r.after.syncMs}`);
    }
    frameRows.push({ r, p50, p95, max, renders });
  }

  const seek = await seekRun(server.url);
  const seekP50 = quantile(seek.all, 0.5);
  const seekP95 = quantile(seek.all, 0.95);
  const seekMax = Math.max(...seek.all);
  console.log(`seeking in a run of ${seek.len} steps: ${seek.all.length} seeks; p50 ${ms(seekP50)}, p95 ${ms(seekP95)}, max ${ms(seekMax)}`);

  console.log(`load average ${load()} at the end`);
  console.log('');
  console.log('| measure | figure | goal |');
  console.log('|---|---|---|');
  console.log(`| transfer (brotli), index.html and what it loads | ${kb(transfer.total)} | ≤ 1.5 MB |`);
  console.log(`| first drawn cluster, median of ${loads} fresh loads (loopback) | ${ms(clusterMs)} | ≤ 700 ms |`);
  for (const { r, p50, p95, max, renders } of frameRows) {
    console.log(`| frame time at ${r.speed}, 12 partitions × RF3, ${Math.round(r.recordsAtStart / 1000)}k records: p50 / p95 / max | ` +
      `${ms(p50)} / ${ms(p95)} / ${ms(max)} | p95 ≤ 16.7 ms |`);
    console.log(`| long tasks / panel renders in ${sampleSeconds} s at ${r.speed} | ${r.longTasks} / ${renders} | |`);
  }
  console.log(`| seek to a random step of a ${seek.len}-step run: p50 / p95 / max of ${seek.all.length} | ` +
    `${ms(seekP50)} / ${ms(seekP95)} / ${ms(seekMax)} | ≤ 100 ms |`);
}

try {
  await main();
} catch (err) {
  console.error(`bench-web: ${err.stack || err.message}`);
  process.exitCode = 1;
} finally {
  await cleanupAll();
}
