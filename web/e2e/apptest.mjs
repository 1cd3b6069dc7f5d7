// The node:test glue: appTest gives each test a freshly loaded page of the app in a new
// browser, fails it on any console or page error, and saves artifacts when it fails. All tests
// of one file (one process under `node --test`) share one server.

import path from 'node:path';
import { after, test } from 'node:test';
import { cleanupAll, newApp, repoRoot, startServer } from './harness.mjs';

after(cleanupAll);

let shared;

function sharedServer() {
  shared ??= startServer();
  return shared;
}

function slug(s) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

// appTest declares one browser test:
//   appTest('name', async (app) => { ... })
//   appTest('name', { query: '?debug=1', reducedMotion: 'reduce', timeoutMs: 60000 }, async (app) => { ... })
// app is an AppPage (harness.mjs) already past body[data-ready="1"].
export function appTest(name, opts, fn) {
  if (typeof opts === 'function') [fn, opts] = [opts, {}];
  const file = path.basename(process.argv[1] || 'e2e', '.test.mjs');
  test(name, { timeout: opts.timeoutMs ?? 180_000 }, async () => {
    const server = await sharedServer();
    const { app, browser } = await newApp({ reducedMotion: opts.reducedMotion });
    try {
      await app.goto(server.url, opts.query ?? '');
      await fn(app);
      const errs = app.errors();
      if (errs.length) throw new Error(`the page reported errors:\n${errs.join('\n')}`);
    } catch (err) {
      const base = await app.saveArtifacts(`${file}--${slug(name)}`).catch(() => null);
      if (base) err.message += `\n(artifacts: ${path.relative(repoRoot, base)}.{png,html,console.txt})`;
      throw err;
    } finally {
      await browser.close();
    }
  });
}
