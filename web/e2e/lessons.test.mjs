// Guided lessons in the browser, done as a learner does them: lessons 4 and 9 are picked from
// the Lessons dialog and completed by clicking and typing (the produce form, a broker's menu,
// the clock), and what was done survives a reload. Broken saved progress and links that name
// no lesson are told about on the page, which carries on with a fresh cluster.

import assert from 'node:assert/strict';
import { appTest } from './apptest.mjs';
import { eventually } from './harness.mjs';
import { partition, produce } from './flows.mjs';

const progressKey = 'kafka-playground/lessons';

function lessonPanel(app) { return app.role('region', 'Lesson'); }

// openLesson picks a lesson in the Lessons dialog, as a learner would.
async function openLesson(app, label) {
  await app.role('button', 'Lessons').click();
  const dialog = app.role('dialog', 'Lessons');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await lessonPanel(app).waitFor();
}

async function position(app) {
  return (await lessonPanel(app).locator('#lesson-pos').textContent()).trim();
}

// next presses Next and waits until the panel shows step want.
async function next(app, want) {
  await lessonPanel(app).getByRole('button', { name: 'Next', exact: true }).click();
  await eventually(async () => assert.equal(await position(app), want));
}

async function goalState(app) {
  return lessonPanel(app).getByRole('status', { name: 'Goal', exact: true }).getAttribute('data-state');
}

async function waitForGoal(app, { timeoutMs = 15_000 } = {}) {
  await eventually(async () => assert.equal(await goalState(app), 'done', 'the goal is reached'), { timeoutMs });
  const goal = lessonPanel(app).getByRole('status', { name: 'Goal', exact: true });
  assert.match(await goal.textContent(), /Goal reached/, 'the goal says so in words, not only in green');
}

// answer picks a quiz choice and checks the verdict and its explanation. Once answered, the
// choices are marked ✓ and ✗ in their names too, so the name is matched as a part.
async function answer(app, choice, verdict) {
  await lessonPanel(app).getByRole('button', { name: choice }).click();
  const fb = lessonPanel(app).getByRole('status', { name: 'Answer', exact: true });
  await eventually(async () => assert.match(await fb.textContent(), verdict));
}

async function finishedFlag(app) {
  return lessonPanel(app).getAttribute('data-finished');
}

// keepPlayingAndCheckDone closes a finished lesson, reloads, and finds it marked done.
async function keepPlayingAndCheckDone(app, label, slug) {
  await lessonPanel(app).getByRole('button', { name: 'Keep playing', exact: true }).click();
  await lessonPanel(app).waitFor({ state: 'detached' });
  await app.page.reload({ waitUntil: 'load' });
  await app.page.locator('body[data-ready="1"]').waitFor({ state: 'attached' });
  assert.equal(await lessonPanel(app).count(), 0, 'after Keep playing a reload opens no lesson');
  await app.role('button', 'Lessons').click();
  const item = app.role('dialog', 'Lessons').locator(`li[data-lesson="${slug}"]`);
  assert.equal(await item.getAttribute('data-status'), 'done');
  assert.match(await item.textContent(), /✓ done/);
  assert.ok(await item.getByRole('button', { name: label, exact: true }).isVisible());
}

appTest('lesson 4 is completed through the produce form and its progress survives a reload', async (app) => {
  await openLesson(app, 'Lesson 4: Partitions and keys');
  assert.equal(await position(app), 'Step 1 of 7');
  assert.match(await lessonPanel(app).textContent(), /three partitions/);

  await next(app, 'Step 2 of 7');
  assert.equal(await goalState(app), 'pending');
  assert.ok(await lessonPanel(app).getByRole('button', { name: 'Next', exact: true }).isDisabled(), 'Next waits for the goal');
  await lessonPanel(app).getByRole('button', { name: 'Hint', exact: true }).click();
  await eventually(async () => assert.match(await lessonPanel(app).locator('.hints').textContent(), /parse\.key=true/));
  await produce(app, { key: 'alice', value: 'order 1', count: 1 });
  await waitForGoal(app);

  await next(app, 'Step 3 of 7');
  assert.ok(await lessonPanel(app).getByRole('button', { name: 'Next', exact: true }).isDisabled(), 'a question is answered first');
  await answer(app, 'One to each partition, to spread the load.', /Not quite\..*A key pins a record to one partition/s);
  await answer(app, 'All three to orders-0, like the first.', /Right\./);
  await eventually(async () => assert.equal((await partition(app, 'orders-0')).hw, 4, 'the reveal sent three more of alice\'s orders'));
  await next(app, 'Step 4 of 7');
  await answer(app, 'order-1 created comes before order-1 paid.', /Right\./);
  await next(app, 'Step 5 of 7');
  await next(app, 'Step 6 of 7');
  await next(app, 'Step 7 of 7');
  await produce(app, { key: 'order-7', value: 'created', count: 2 });
  await waitForGoal(app);
  await eventually(async () => assert.equal(await finishedFlag(app), 'true'));
  assert.match(await lessonPanel(app).textContent(), /Lesson complete/);

  // A reload brings the learner back to the lesson, where they left it.
  await app.page.reload({ waitUntil: 'load' });
  await app.page.locator('body[data-ready="1"]').waitFor({ state: 'attached' });
  await lessonPanel(app).waitFor();
  assert.equal(await position(app), 'Step 7 of 7');
  assert.equal(await finishedFlag(app), 'true');
  await keepPlayingAndCheckDone(app, 'Lesson 4: Partitions and keys', 'partitions-and-keys');
});

appTest('lesson 9 is completed by killing the leader from its menu and letting the clock run', async (app) => {
  await openLesson(app, 'Lesson 9: Failover');
  await next(app, 'Step 2 of 7');
  assert.equal(await goalState(app), 'pending');

  await app.role('button', 'Actions for broker 1').click();
  await app.role('menuitem', 'Kill broker 1').click();
  await eventually(async () => assert.equal(await app.broker(1).getAttribute('data-state'), 'crashed'));
  assert.equal(await goalState(app), 'pending', 'nobody has noticed yet');
  await app.page.getByRole('combobox', { name: 'Speed', exact: true }).selectOption({ label: '5×' });
  await app.role('button', 'Play').click();
  await waitForGoal(app, { timeoutMs: 30_000 });
  await app.role('button', 'Pause').click();
  await eventually(async () => assert.notEqual((await partition(app, 'orders-0')).leader, 1, 'orders-0 has a new leader'));

  await next(app, 'Step 3 of 7');
  await next(app, 'Step 4 of 7');
  await answer(app, 'None.', /Right\./);
  await next(app, 'Step 5 of 7');
  await next(app, 'Step 6 of 7');
  await app.broker(1).getByRole('button', { name: 'Start broker 1', exact: true }).click();
  await app.role('button', 'Play').click();
  await waitForGoal(app, { timeoutMs: 30_000 });
  await app.role('button', 'Pause').click();
  await eventually(async () => assert.deepEqual((await partition(app, 'orders-0')).isr.toSorted(), [1, 2, 3]));
  await next(app, 'Step 7 of 7');
  await eventually(async () => assert.equal(await finishedFlag(app), 'true'));

  await app.page.reload({ waitUntil: 'load' });
  await app.page.locator('body[data-ready="1"]').waitFor({ state: 'attached' });
  await lessonPanel(app).waitFor();
  assert.equal(await position(app), 'Step 7 of 7');
  await keepPlayingAndCheckDone(app, 'Lesson 9: Failover', 'failover');
});

appTest('a reload in the middle of a lesson rebuilds its cluster at the same step', async (app) => {
  await openLesson(app, 'Lesson 9: Failover');
  await next(app, 'Step 2 of 7');
  await app.run('broker kill 1');
  await app.settle();
  await waitForGoal(app);
  await next(app, 'Step 3 of 7');
  await app.page.reload({ waitUntil: 'load' });
  await app.page.locator('body[data-ready="1"]').waitFor({ state: 'attached' });
  await lessonPanel(app).waitFor();
  assert.equal(await position(app), 'Step 3 of 7');
  await eventually(async () => {
    const p = await partition(app, 'orders-0');
    assert.equal(p.leader, 2);
    assert.ok(!p.isr.includes(1));
  });
  await app.role('button', 'Lessons').click();
  const item = app.role('dialog', 'Lessons').locator('li[data-lesson="failover"]');
  assert.equal(await item.getAttribute('data-status'), 'in progress');
});

appTest('corrupt saved progress is reset with a message, not a crash', async (app) => {
  await app.page.evaluate((key) => localStorage.setItem(key, '{"version": 1, "lessons": {'), progressKey);
  await app.page.reload({ waitUntil: 'load' });
  await app.page.locator('body[data-ready="1"]').waitFor({ state: 'attached' });
  const notice = app.page.locator('#lesson-notice');
  await notice.waitFor();
  assert.match(await notice.textContent(), /could not be read, so it was reset/);
  const stored = await app.page.evaluate((key) => JSON.parse(localStorage.getItem(key)), progressKey);
  assert.equal(stored.version, 1, 'a readable, empty progress was written back');
  await app.role('button', 'Dismiss notice').click();
  await notice.waitFor({ state: 'detached' });
  await openLesson(app, 'Lesson 1: Events: a record of something that happened');
  assert.match(await position(app), /^Step 1 of \d+$/);
});

appTest('a link to a lesson step opens it there; a bad link says why and gives a fresh cluster', async (app) => {
  await app.goto(app.page.url(), '?lesson=partitions-and-keys&step=3');
  await lessonPanel(app).waitFor();
  assert.equal(await position(app), 'Step 3 of 7');
  await eventually(async () => assert.equal((await partition(app, 'orders-0')).hw, 1, 'the task before it was done on the way'));

  await app.goto(app.page.url(), '?lesson=99');
  const notice = app.page.locator('#lesson-notice');
  await notice.waitFor();
  assert.match(await notice.textContent(), /there is no lesson 99.*fresh cluster/s);
  assert.equal(await lessonPanel(app).count(), 0);
  await app.broker(3).waitFor();
});
