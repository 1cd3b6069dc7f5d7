// The what-if comparison in the browser, as a learner uses it on the durability lesson's
// question: a topic is made and written to from the UI, Compare opens "acks=1 vs acks=all",
// then the leader's followers are slowed, one more record is produced and the leader is
// killed. The acks=1 side loses the acknowledged record and the panel says when, and which;
// the acks=all side, which waited for the followers, loses nothing.

import assert from 'node:assert/strict';
import { appTest } from './apptest.mjs';
import { eventually } from './harness.mjs';
import { createTopic, partition, produce } from './flows.mjs';

function panel(app) { return app.role('region', 'What-if comparison'); }

async function bannerText(app) {
  return (await panel(app).locator('#whatif-banner').textContent()).replace(/\s+/g, ' ').trim();
}

// row reads one partition's row in one column of the panel.
async function row(app, side, name) {
  const cells = await panel(app).getByRole('group', { name: side, exact: true })
    .locator(`tr[data-partition="${name}"] > *`).allTextContents();
  const [partitionName, leader, isr, hw, logEnd, lost, refused, mark] = cells.map((c) => c.trim());
  return { partitionName, leader, isr, hw, logEnd, lost, refused, differs: mark.includes('differs') };
}

appTest('what-if panes diverge on the acks scenario and name the lost record', async (app) => {
  await app.startCluster();
  await createTopic(app, { name: 'payments', partitions: 1, replicationFactor: 3, minISR: 2 });
  await produce(app, { key: 'alice', value: 'paid', count: 3 });
  await app.settle();

  // Compare, from the keyboard: the header button opens the panel on the durability preset.
  const button = app.role('button', 'Compare');
  await button.focus();
  await app.page.keyboard.press('Enter');
  await panel(app).waitFor();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  const picker = panel(app).getByRole('combobox', { name: 'Compare', exact: true });
  assert.equal(await picker.inputValue(), '0');
  await picker.selectOption({ label: 'min.insync.replicas 1 vs 2' });
  await eventually(async () => assert.equal(await panel(app).getByRole('group', { name: 'min.insync.replicas=2', exact: true }).count(), 1));
  await picker.selectOption({ label: 'acks=1 vs acks=all' });
  for (const side of ['acks=1', 'acks=all']) {
    await panel(app).getByRole('group', { name: side, exact: true }).waitFor();
  }
  await eventually(async () => assert.equal(await bannerText(app), '= No difference yet'));
  assert.equal(await panel(app).getAttribute('data-diverged'), 'false');
  await eventually(async () => assert.equal((await row(app, 'acks=1', 'payments-0')).hw, '3'));

  // The followers fall behind: their fetches are slow. One more record, then the leader dies
  // before they have fetched it.
  const { leader } = await partition(app, 'payments-0');
  const followers = [1, 2, 3].filter((id) => id !== leader);
  for (const id of followers) await app.run(`broker slow ${id}`);
  await produce(app, { key: 'dave', value: 'paid', count: 1 });
  assert.equal(await bannerText(app), '= No difference yet', 'nothing is lost yet');
  await app.run(`broker kill ${leader}`);
  await app.settle(); // the controller fences the dead leader and elects a follower

  await eventually(async () => {
    assert.equal(await panel(app).getAttribute('data-diverged'), 'true');
    assert.match(await bannerText(app),
      /^≠ Diverged at t = \d+\.\ds: payments-0: with acks=1, acknowledged offset 3 \(key dave\) was lost; with acks=all, nothing was lost$/);
  });
  const a = await row(app, 'acks=1', 'payments-0');
  const b = await row(app, 'acks=all', 'payments-0');
  assert.equal(a.lost, '1');
  assert.equal(b.lost, '0');
  assert.ok(a.differs && b.differs, 'the row is marked as different in words');
  assert.equal(a.logEnd, '3', 'acks=1: the new leader never had offset 3');
  assert.equal(b.logEnd, '4', 'acks=all: offset 3 was on every in-sync replica before it was acknowledged');
  assert.notEqual(a.leader, String(leader));
  const now = await panel(app).locator('#whatif-divergence, #whatif-now').allTextContents();
  assert.match(now.join('\n'), /payments-0: acks=all has offset 3 \(key dave\) that acks=1 does not/);

  // The main session (acks=all, the console producer's default) lost nothing either.
  const main = await partition(app, 'payments-0');
  assert.equal(main.hw, 4);

  // Close puts the panel away; the header button reopens it.
  await panel(app).getByRole('button', { name: 'Close', exact: true }).click();
  await panel(app).waitFor({ state: 'detached' });
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await button.click();
  await eventually(async () => assert.match(await bannerText(app), /Diverged at t = /));
});
