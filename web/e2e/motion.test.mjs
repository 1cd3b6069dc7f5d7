// prefers-reduced-motion: the lanes layer draws records in flight (.flight nodes) between
// producer, leader, followers and consumers, unless the learner asked for less motion.

import assert from 'node:assert/strict';
import { appTest } from './apptest.mjs';
import { eventually } from './harness.mjs';
import { partition, partitionNames } from './flows.mjs';

// Counts .flight nodes ever present in the lanes layer, from a MutationObserver plus a
// per-frame look, so a flight that lives for a single frame is still seen.
const watchFlights = () => {
  window.__e2eFlights = 0;
  const root = document.getElementById('lanes');
  const seen = new WeakSet();
  const note = (el) => {
    if (el instanceof Element && el.classList.contains('flight') && !seen.has(el)) {
      seen.add(el);
      window.__e2eFlights++;
    }
  };
  new MutationObserver((records) => {
    for (const r of records) {
      note(r.target);
      for (const n of r.addedNodes) {
        note(n);
        if (n instanceof Element) n.querySelectorAll('.flight').forEach(note);
      }
    }
  }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
  const frame = () => {
    root.querySelectorAll('.flight').forEach(note);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
};

async function hwSum(app) {
  let sum = 0;
  for (const name of await partitionNames(app, 'orders')) sum += (await partition(app, name)).hw;
  return sum;
}

// playBusy plays the clock for a few seconds with a producer running, and returns how many
// flights were drawn meanwhile.
async function playBusy(app) {
  await app.startCluster();
  await app.run('kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 --replication-factor 3');
  await app.run('producer add p --topic orders --rate 20 --keys alice,bob,carol');
  await eventually(async () => assert.deepEqual(await partitionNames(app, 'orders'), ['orders-0', 'orders-1', 'orders-2']));
  const before = await hwSum(app);
  await app.page.evaluate(watchFlights);
  await app.role('button', 'Play').click();
  await app.role('button', 'Pause').waitFor();
  await app.page.waitForTimeout(3000);
  await app.role('button', 'Pause').click();
  await eventually(async () => assert.ok(await hwSum(app) > before, 'the producer wrote nothing while playing'));
  return app.page.evaluate(() => window.__e2eFlights);
}

appTest('with prefers-reduced-motion, playing with a producer running draws no flights', { reducedMotion: 'reduce' }, async (app) => {
  assert.equal(await app.page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches), true);
  assert.equal(await playBusy(app), 0, '.flight nodes were drawn although the page prefers reduced motion');
});

// The control: without the preference the same steps do draw flights, so the test above
// cannot pass just because nothing ever moves.
appTest('without prefers-reduced-motion, the same steps draw flights', async (app) => {
  assert.ok(await playBusy(app) > 0, 'no .flight node was drawn while playing with a producer');
});
