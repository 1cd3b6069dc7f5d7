// Classroom mode: the presenter layout on a 1024×768 projector, the failover demo stepped from
// its first beat to its last by key presses (arrows and a clicker's PageUp/PageDown), and the
// students' link, which rebuilds the same cluster in another browser.

import assert from 'node:assert/strict';
import { appTest } from './apptest.mjs';
import { eventually, newApp } from './harness.mjs';
import { partition } from './flows.mjs';

function lessonPanel(app) { return app.role('region', 'Lesson'); }

async function beat(app) {
  return (await lessonPanel(app).locator('#lesson-pos').textContent()).trim();
}

// press sends a key to the page (not to a control) and waits for the beat it should show.
async function press(app, key, want) {
  await app.page.evaluate(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  });
  await app.page.keyboard.press(key);
  await eventually(async () => assert.equal(await beat(app), want, `after ${key}`));
}

appTest('the failover demo is stepped from start to end by key presses at 1024×768', { query: '?classroom=1' }, async (app) => {
  await app.page.setViewportSize({ width: 1024, height: 768 });
  await lessonPanel(app).waitFor();
  assert.equal(await beat(app), 'Beat 1 of 9');
  assert.match(await app.page.locator('#app').getAttribute('class'), /\bclassroom\b/);
  assert.equal(await app.page.locator('header.topbar').isVisible(), false, 'the chrome is hidden');
  assert.equal(await app.consoleOutput.isVisible(), false);
  const fontPx = await lessonPanel(app).locator('.narration').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(fontPx >= 24, `the narration is large (${fontPx}px)`);
  assert.deepEqual((await partition(app, 'orders-0')).isr.toSorted(), [1, 2, 3], 'steady state: three in sync');

  // Each beat, and what the cluster shows after it.
  const beats = [
    ['ArrowRight', async () => assert.equal(await app.broker(1).getAttribute('data-state'), 'crashed')],
    ['PageDown', async () => {
      const p = await partition(app, 'orders-0');
      assert.equal(p.leader, 2, 'election: broker 2 leads');
      assert.deepEqual(p.isr.toSorted(), [2, 3]);
    }],
    ['ArrowRight', async () => assert.equal((await partition(app, 'orders-0')).hw, 5)],
    ['PageDown', async () => assert.deepEqual((await partition(app, 'orders-0')).isr, [2], 'ISR shrink')],
    ['ArrowRight', async () => assert.match(await app.page.locator('.event-list').textContent(), /NOT_ENOUGH_REPLICAS/, 'acks=all refused the write (the hidden event log says so)')],
    ['PageDown', async () => assert.equal(await app.broker(1).getAttribute('data-state'), 'up')],
    ['ArrowRight', async () => assert.deepEqual((await partition(app, 'orders-0')).isr.toSorted(), [1, 2])],
    ['PageDown', async () => assert.deepEqual((await partition(app, 'orders-0')).isr.toSorted(), [1, 2, 3], 'the ISR grew again')],
  ];
  for (const [i, [key, check]] of beats.entries()) {
    await press(app, key, `Beat ${i + 2} of 9`);
    await eventually(check);
  }
  await eventually(async () => assert.match(await lessonPanel(app).textContent(), /That is the whole demo\./));
  const overflow = await app.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the presenter layout fits 1024 px (${overflow} px too wide)`);

  // Back rebuilds the cluster of the earlier beat.
  await press(app, 'PageUp', 'Beat 8 of 9');
  await eventually(async () => assert.deepEqual((await partition(app, 'orders-0')).isr.toSorted(), [1, 2]));
  await press(app, 'ArrowLeft', 'Beat 7 of 9');
  await eventually(async () => assert.deepEqual((await partition(app, 'orders-0')).isr, [2]));
  const link = await lessonPanel(app).locator('#students-link').getAttribute('href');
  assert.match(link, /\?lesson=demo-failover&step=7$/);
  const qr = await lessonPanel(app).getByRole('img', { name: "QR code of the students' link" }).getAttribute('src');
  assert.match(qr, /^data:image\/svg\+xml;base64,/);
});

appTest("the students' link opens the presenter's cluster in another browser", { query: '?classroom=1' }, async (app) => {
  await lessonPanel(app).waitFor();
  for (const n of [2, 3, 4, 5]) await press(app, 'ArrowRight', `Beat ${n} of 9`);
  const link = await lessonPanel(app).locator('#students-link').getAttribute('href');
  assert.match(link, /\?lesson=demo-failover&step=5$/);
  const teacher = await partition(app, 'orders-0');

  const { app: student, browser } = await newApp();
  try {
    await student.goto(link);
    await lessonPanel(student).waitFor();
    assert.equal(await beat(student), 'Beat 5 of 9');
    assert.doesNotMatch(await student.page.locator('#app').getAttribute('class'), /classroom/, 'students get the ordinary layout');
    await eventually(async () => {
      const p = await partition(student, 'orders-0');
      assert.deepEqual({ leader: p.leader, isr: p.isr, hw: p.hw }, { leader: teacher.leader, isr: teacher.isr, hw: teacher.hw });
    });
    assert.deepEqual(student.errors(), []);
  } finally {
    await browser.close();
  }
});

appTest('the Classroom button enters the presenter layout and Exit classroom leaves it', async (app) => {
  await app.role('button', 'Classroom').click();
  await lessonPanel(app).waitFor();
  assert.equal(await beat(app), 'Beat 1 of 9');
  await eventually(async () => assert.match(await app.page.locator('#app').getAttribute('class'), /\bclassroom\b/));
  await lessonPanel(app).getByRole('button', { name: 'Exit classroom', exact: true }).click();
  await eventually(async () => assert.doesNotMatch(await app.page.locator('#app').getAttribute('class'), /classroom/));
  assert.ok(await app.page.locator('header.topbar').isVisible());
  // Outside classroom mode → steps the clock again, and the help lists the classroom keys.
  await app.page.keyboard.press('?');
  const help = app.role('dialog', 'Keyboard shortcuts');
  await help.waitFor();
  assert.match(await help.textContent(), /PageDown.*classroom mode/s);
});
