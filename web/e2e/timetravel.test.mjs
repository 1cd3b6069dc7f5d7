// Time travel, links and exports in the browser, as a learner uses them: scrub back to before a
// broker was killed, kill a different broker there (the run forks), copy the link, open it in a
// fresh browser and find the same cluster; put the first future back with Undo fork; export the
// session as JSON and import it into another browser; a damaged link opens a fresh cluster with
// a message.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appTest } from './apptest.mjs';
import { eventually, newApp } from './harness.mjs';
import { createTopic, partition, partitionNames, produce } from './flows.mjs';

function timeline(app) { return app.role('region', 'Timeline'); }

// where reads the timeline's "step N of M" and whether it shows the past.
async function where(app) {
  const text = await app.page.locator('#tl-where').textContent();
  const m = /step (\d+) of (\d+)/.exec(text);
  assert.ok(m, `the timeline says where it is: ${text}`);
  return { pos: Number(m[1]), len: Number(m[2]), past: /Viewing the past/.test(text), text };
}

// scrubTo drags the scrubber to a step: a range input reports its new value with input events.
async function scrubTo(app, step) {
  await app.role('slider', 'Timeline').evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, step);
  await eventually(async () => assert.equal((await where(app)).pos, step));
}

async function brokerStates(app) {
  const out = {};
  for (const id of [1, 2, 3]) out[id] = await app.broker(id).getAttribute('data-state');
  return out;
}

// fingerprint is what must be equal between two pages showing the same moment: the `state`
// command's whole output (looking does not fork or change anything), and the lanes.
async function fingerprint(app) {
  const state = await app.run('state');
  return { state, orders0: await partition(app, 'orders-0'), brokers: await brokerStates(app) };
}

async function killFromMenu(app, id) {
  await app.role('button', `Actions for broker ${id}`).click();
  await app.role('menuitem', `Kill broker ${id}`).click();
  await eventually(async () => assert.match(await app.consoleOutput.textContent(), new RegExp(`broker kill ${id}\\b`)));
}

// openIn opens url in a fresh browser and returns the page with its browser.
async function openIn(url) {
  const { app, browser } = await newApp();
  await app.page.goto(url, { waitUntil: 'load' });
  await app.page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 30_000 });
  return { app, browser };
}

async function storyUpToTheKill(app) {
  await app.startCluster();
  await createTopic(app, { name: 'orders', partitions: 1, replicationFactor: 3, minISR: 2 });
  await produce(app, { key: 'alice', value: 'order', count: 3 });
  for (let i = 0; i < 5; i++) await app.role('button', 'Step').click();
  const before = await where(app);
  assert.equal(before.past, false);
  await killFromMenu(app, 1);
  await app.settle(); // fenced after broker.session.timeout.ms, a new leader elected
  await eventually(async () => assert.notEqual((await partition(app, 'orders-0')).leader, 1));
  return before.pos;
}

appTest('scrubbing back before a kill, forking, and opening the copied link gives the same cluster', async (app) => {
  const beforeKill = await storyUpToTheKill(app);
  const end = await where(app);
  assert.ok(end.len > beforeKill + 1);

  // Back to before the kill: broker 1 is up again and the page says this is the past.
  await scrubTo(app, beforeKill);
  const past = await where(app);
  assert.equal(past.past, true);
  assert.equal(past.len, end.len, 'the future is still there');
  await eventually(async () => assert.equal((await brokerStates(app))[1], 'up'));
  assert.equal(await timeline(app).getAttribute('data-past'), 'true');

  // Kill a different broker there: the run forks.
  await killFromMenu(app, 2);
  await eventually(async () => assert.match(await app.consoleOutput.textContent(), /The run now forks at/));
  const forked = await where(app);
  assert.equal(forked.past, false, 'after the fork the position is the new end');
  assert.equal(forked.len, beforeKill + 1);
  await app.role('button', 'Undo fork').waitFor();
  await app.settle();
  await eventually(async () => {
    const s = await brokerStates(app);
    assert.equal(s[1], 'up');
    assert.ok(s[2] === 'crashed' || s[2] === 'fenced', `broker 2 is ${s[2]}`);
  });

  // Copy the link and open it in a fresh browser.
  await app.role('button', 'Copy link').click();
  const box = app.role('textbox', 'Share link');
  await box.waitFor();
  const link = await box.inputValue();
  assert.match(link, /#session=v1\./);
  const mine = await fingerprint(app);
  const other = await openIn(link);
  try {
    assert.equal(other.app.errors().length, 0, other.app.errors().join('\n'));
    await eventually(async () => assert.equal((await brokerStates(other.app))[2], mine.brokers[2]));
    const theirs = await fingerprint(other.app);
    assert.equal(theirs.state, mine.state, 'state prints the same cluster');
    assert.deepEqual(theirs.orders0, mine.orders0, 'the lanes draw the same partition');
    assert.deepEqual(theirs.brokers, mine.brokers);
    assert.equal(other.app.errors().length, 0, other.app.errors().join('\n'));
  } finally {
    await other.browser.close();
  }

  // Undo fork puts the first future back: broker 1 killed, broker 2 up.
  await app.role('button', 'Undo fork').click();
  await eventually(async () => assert.match(await app.consoleOutput.textContent(), /Fork undone/));
  await app.role('button', 'Back to now').click();
  await eventually(async () => {
    const s = await brokerStates(app);
    assert.ok(s[1] === 'crashed' || s[1] === 'fenced', `broker 1 is ${s[1]}`);
    assert.equal(s[2], 'up');
    assert.equal((await where(app)).len, end.len);
  });
});

appTest('Undo, Redo and clicking an event move through the run', async (app) => {
  await storyUpToTheKill(app);
  await app.role('button', 'Undo').click(); // the settle
  await app.role('button', 'Undo').click(); // the kill
  await eventually(async () => assert.equal((await brokerStates(app))[1], 'up'));
  assert.equal((await where(app)).past, true);
  await app.role('button', 'Redo').click();
  await eventually(async () => {
    const s = (await brokerStates(app))[1];
    assert.ok(s === 'crashed' || s === 'stopped', `broker 1 is ${s} just after its kill`);
  });
  await app.role('button', 'Back to now').click();
  for (let i = 0; i < 5; i++) await app.role('button', 'Step').click(); // the run goes on past the election
  // Clicking the election in the event log goes to its moment.
  const line = app.eventLog.getByRole('listitem').filter({ hasText: /was elected leader at epoch 1/ }).first();
  await line.waitFor();
  await line.getByRole('button').click();
  await eventually(async () => {
    const w = await where(app);
    assert.equal(w.past, true, 'the election happened before the end of the run');
    assert.notEqual((await partition(app, 'orders-0')).leader, 1);
  });
  // The timeline marks the kill.
  assert.ok(await app.page.locator('.tl-mark.mark-down').count() > 0, 'a mark for the broker going down');
});

appTest('a session exported as JSON imports into another browser as the same cluster', async (app) => {
  await storyUpToTheKill(app);
  const mine = await fingerprint(app);
  await app.role('button', 'Export').click();
  const [download] = await Promise.all([
    app.page.waitForEvent('download'),
    app.role('menuitem', 'Session (JSON)').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'kafka-session.json');
  const buffer = await readFile(await download.path());

  const other = await openIn(new URL('/', app.page.url()).href);
  try {
    const [chooser] = await Promise.all([
      other.app.page.waitForEvent('filechooser'),
      other.app.role('button', 'Import').click(),
    ]);
    await chooser.setFiles({ name: 'kafka-session.json', mimeType: 'application/json', buffer });
    await eventually(async () => assert.match(await other.app.consoleOutput.textContent(), /Imported kafka-session\.json/));
    const theirs = await fingerprint(other.app);
    assert.equal(theirs.state, mine.state);
    assert.deepEqual(theirs.brokers, mine.brokers);
    assert.equal(other.app.errors().length, 0, other.app.errors().join('\n'));
  } finally {
    await other.browser.close();
  }

  // The Markdown report and the script download too.
  for (const [item, name] of [['Report (Markdown)', 'kafka-session.md'], ['Script (command language)', 'kafka-session.kafka']]) {
    await app.role('button', 'Export').click();
    const [d] = await Promise.all([app.page.waitForEvent('download'), app.role('menuitem', item).click()]);
    assert.equal(d.suggestedFilename(), name);
  }
});

// Go's tests and these open the same links (engine/session/testdata/links.json): one made by
// Go's DEFLATE, and damaged, cut short, trailing, oversize, bomb and foreign ones. The browser
// inflates with its own DecompressionStream, and must open or refuse each just as Go does,
// with the same words, from a fresh load with nothing run.
appTest('links open, or are refused with the same words, in the browser as in Go', async (app) => {
  const cases = JSON.parse(await readFile(new URL('../../engine/session/testdata/links.json', import.meta.url), 'utf8'));
  assert.ok(cases.length >= 10);
  const site = app.page.url();
  for (const c of cases) {
    await app.page.goto('about:blank');
    await app.page.goto(new URL('/#session=' + c.link, site).href, { waitUntil: 'load' });
    await app.page.locator('body[data-ready="1"]').waitFor({ state: 'attached', timeout: 30_000 });
    const notice = app.page.locator('#lesson-notice');
    if (c.want === '') {
      await eventually(async () => assert.ok((await where(app)).len > 0, `${c.name}: the session opened`));
      assert.equal(await notice.count(), 0, `${c.name}: no notice`);
      await eventually(async () => assert.deepEqual(await partitionNames(app, 'orders'), ['orders-0', 'orders-1', 'orders-2']));
      continue;
    }
    await eventually(async () => {
      assert.ok(await notice.count() > 0, `${c.name}: a notice`);
      assert.equal(await notice.locator('span').textContent(),
        `This link cannot be opened: ${c.want}. Here is a fresh cluster instead.`, c.name);
    });
    assert.equal((await where(app)).len, 0, `${c.name}: nothing ran`);
  }
  assert.equal(app.errors().length, 0, app.errors().join('\n'));
});
