// The main story of the playground, through the UI only: the cluster starts, a topic is
// created in the dialog, keyed records are produced from the form, and killing a partition
// leader from its broker's menu moves leadership, shrinks the ISR and says so everywhere.

import assert from 'node:assert/strict';
import { appTest } from './apptest.mjs';
import { eventually } from './harness.mjs';
import { createTopic, partition, partitionNames, partitionOfKey, produce } from './flows.mjs';

appTest('the page loads without errors and shows three brokers that come up', async (app) => {
  assert.equal(await app.page.title(), 'Kafka playground');
  for (const id of [1, 2, 3]) {
    await app.broker(id).waitFor();
  }
  assert.equal(await app.page.locator('[role="group"][data-state]').count(), 3, 'want exactly 3 broker cards');
  await app.startCluster(3);
});

appTest('the New topic dialog creates a topic and prints the command it stands for', async (app) => {
  await app.startCluster();
  await createTopic(app, { name: 'orders', partitions: 3, replicationFactor: 3, minISR: 2 });
  await eventually(async () => {
    const out = await app.consoleOutput.textContent();
    assert.match(out, /kafka-topics\.sh .*--create .*--topic orders\b/);
    assert.match(out, /Created topic orders\./);
  });
  assert.deepEqual(await eventually(async () => {
    const names = await partitionNames(app, 'orders');
    assert.equal(names.length, 3, `lanes show ${names.join(', ')}`);
    return names;
  }), ['orders-0', 'orders-1', 'orders-2']);
});

appTest('records produced from the form appear as cells on the lanes', async (app) => {
  await app.startCluster();
  await createTopic(app);
  await produce(app, { key: 'alice', value: 'order', count: 3 });
  await produce(app, { key: 'bob', value: 'order', count: 3 });

  const alice = await partitionOfKey(app, 'orders', 'alice');
  const bob = await partitionOfKey(app, 'orders', 'bob');
  await eventually(async () => {
    const hws = {};
    for (const name of await partitionNames(app, 'orders')) {
      const p = await partition(app, name);
      hws[name] = p.hw;
      const leaderLane = p.lanes[String(p.leader)];
      assert.ok(leaderLane, `${name}: no lane for its leader ${p.leader}`);
      assert.deepEqual(p.isr.toSorted(), [1, 2, 3], `${name}: ISR`);
      assert.equal(leaderLane.offsets.length, p.hw, `${name}: the leader lane draws one cell per record below HW`);
    }
    const want = { 'orders-0': 0, 'orders-1': 0, 'orders-2': 0 };
    want[alice] += 3;
    want[bob] += 3;
    assert.deepEqual(hws, want, 'high watermarks per partition');
  });
  const p = await partition(app, alice);
  assert.deepEqual(p.lanes[String(p.leader)].offsets.slice(0, 3), [0, 1, 2]);
  assert.match(p.lanes[String(p.leader)].text, /alice/, 'the key is written on the cells, not told by colour alone');
  assert.ok(await app.page.locator(`#lanes .partition[data-partition="${alice}"] .marker-hw`).count() > 0, 'an HW marker');
});

appTest('killing the leader from its broker menu elects a new leader and shrinks the ISR', async (app) => {
  await app.startCluster();
  await createTopic(app);
  await produce(app, { key: 'alice', value: 'order', count: 3 });
  const name = await partitionOfKey(app, 'orders', 'alice');
  const before = await eventually(async () => {
    const p = await partition(app, name);
    assert.ok(p.leader >= 1 && p.leader <= 3, `${name} has leader ${p.leader}`);
    assert.equal(p.hw, 3);
    return p;
  });
  const killed = before.leader;

  await app.role('button', `Actions for broker ${killed}`).click();
  await app.role('menuitem', `Kill broker ${killed}`).click();
  await eventually(async () => {
    assert.match(await app.consoleOutput.textContent(), new RegExp(`broker kill ${killed}\\b`));
  });
  await app.settle(); // the controller notices the crash after broker.session.timeout.ms

  await eventually(async () => {
    const p = await partition(app, name);
    assert.notEqual(p.leader, killed, `${name} is still led by the killed broker`);
    assert.ok(before.isr.includes(p.leader), `${name}: new leader ${p.leader} comes from the old ISR ${before.isr}`);
    assert.ok(!p.isr.includes(killed), `${name}: ISR ${p.isr} still holds killed broker ${killed}`);
    assert.equal(p.lanes[String(killed)]?.insync, 'false', `${name}: the killed broker's lane is marked out of sync`);
    assert.equal(p.lanes[String(p.leader)]?.insync, 'true');
    const state = await app.broker(killed).getAttribute('data-state');
    assert.ok(state === 'crashed' || state === 'fenced', `broker ${killed} is ${state}`);
  });
  const { leader } = await partition(app, name);
  const line = app.eventLog.getByRole('listitem').filter({ hasText: name })
    .filter({ hasText: new RegExp(`broker ${leader} was elected leader`) });
  await eventually(async () => {
    assert.ok(await line.count() > 0, `no event says broker ${leader} was elected leader of ${name}`);
  });
});
