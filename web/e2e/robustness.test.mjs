// A Go panic must not kill the page, and whatever a person types is shown as text, never
// parsed as HTML.

import assert from 'node:assert/strict';
import { appTest } from './apptest.mjs';
import { eventually } from './harness.mjs';
import { createTopic, produce } from './flows.mjs';

appTest('a panic inside a command shows a banner with the seed and the page keeps working', { query: '?debug=1' }, async (app) => {
  await app.startCluster();
  const seed = (await app.page.locator('#seed').textContent()).match(/\d+/)?.[0];
  assert.ok(seed, 'the header shows the seed');

  await app.commandBox.fill('debug panic');
  await app.commandBox.press('Enter');
  const banner = app.page.getByRole('alert').filter({ hasText: /seed/ });
  await banner.waitFor();
  const text = await banner.textContent();
  assert.ok(text.includes(seed), `the banner names seed ${seed}: ${text}`);
  assert.match(text, /debug panic/, 'the banner names the last command');

  // The session goes on: the console answers and the clock steps.
  const out = await app.run('kafka-topics.sh --bootstrap-server localhost:9092 --create --topic after-panic --partitions 1 --replication-factor 3');
  assert.match(out, /Created topic after-panic\./);
  const before = await app.simTimeText();
  await app.role('button', 'Step').click();
  await eventually(async () => assert.notEqual(await app.simTimeText(), before));
  await app.role('button', 'Dismiss error').click();
  await banner.waitFor({ state: 'detached' });
});

appTest('debug commands are refused without ?debug=1', async (app) => {
  const out = await app.run('debug panic');
  assert.match(out, /debug commands are off/);
  assert.equal(await app.page.getByRole('alert').count(), 0);
});

appTest('a record key full of HTML is shown as text', async (app) => {
  const dialogs = [];
  app.page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  const key = '<img src=x onerror=alert(1)>';
  const value = '<b>bold</b>';
  await app.startCluster();
  await createTopic(app);
  await produce(app, { key, value, count: 1 });
  await app.run(`kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --from-beginning --property print.key=true`);

  await eventually(async () => {
    const out = await app.consoleOutput.textContent();
    assert.ok(out.includes(`${key}\t${value}`), 'the consumer prints the key and value as typed');
  });
  await eventually(async () => {
    assert.ok((await app.page.locator('#lanes').textContent()).includes(key) ||
      (await app.page.locator(`#lanes [title*="${key}"], #lanes [aria-label*="${key}"]`).count()) > 0,
    'the lanes show the key as text');
  });
  assert.equal(await app.page.locator('img[src="x"]').count(), 0, 'an <img> element was created from a key');
  assert.equal(await app.page.locator('b', { hasText: 'bold' }).count(), 0, 'a <b> element was created from a value');
  assert.deepEqual(dialogs, []);
});

appTest('a console line full of HTML is echoed as text', async (app) => {
  const line = '<b>x</b> <img src=x onerror=alert(1)>';
  await app.run(line);
  const out = await app.consoleOutput.textContent();
  assert.ok(out.includes(line), 'the echo shows the line as typed');
  assert.equal(await app.consoleOutput.locator('b, img').count(), 0, 'HTML elements were created from typed text');
});
