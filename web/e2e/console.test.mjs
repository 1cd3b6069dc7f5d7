// The in-page console: the terminal's command language, its history and its completion.

import assert from 'node:assert/strict';
import { appTest } from './apptest.mjs';
import { eventually } from './harness.mjs';

const create = 'kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 --replication-factor 3';
const describe = 'kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic orders';

appTest('a command typed in the console prints its output in the page', async (app) => {
  await app.startCluster();
  assert.match(await app.run(create), /Created topic orders\./);

  const out = await app.run(describe);
  assert.match(out, /Topic: orders\tTopicId: \S+\tPartitionCount: 3\tReplicationFactor: 3/);
  for (const p of [0, 1, 2]) {
    assert.match(out, new RegExp(`\\tTopic: orders\\tPartition: ${p}\\tLeader: [123]\\tReplicas: [123],[123],[123]\\tIsr: [123],[123],[123]\\t`),
      `partition ${p} in:\n${out}`);
  }
  await app.consoleOutput.getByText('PartitionCount: 3').first().waitFor();
});

appTest('a failing command prints its error', async (app) => {
  await app.startCluster();
  const out = await app.run('kafka-topics.sh --bootstrap-server localhost:9092 --describe --topic nope');
  assert.match(out, /Error.*nope/);
});

appTest('ArrowUp and ArrowDown walk the command history', async (app) => {
  await app.startCluster();
  const first = 'kafka-topics.sh --bootstrap-server localhost:9092 --list';
  const second = 'kafka-metadata-quorum.sh --bootstrap-server localhost:9092 describe --status';
  await app.run(first);
  await app.run(second);

  const box = app.commandBox;
  await box.press('ArrowUp');
  await eventually(async () => assert.equal(await box.inputValue(), second));
  await box.press('ArrowUp');
  await eventually(async () => assert.equal(await box.inputValue(), first));
  await box.press('ArrowDown');
  await eventually(async () => assert.equal(await box.inputValue(), second));

  // A recalled command runs again with Enter.
  await box.press('ArrowUp');
  await box.press('ArrowUp');
  await eventually(async () => assert.equal(await box.inputValue(), first));
  await box.press('Enter');
  await app.page.waitForFunction(() => document.getElementById('command')?.value === '');
  assert.notEqual(await app.outputAfter(first), null);
});

appTest('Tab completes a command name', async (app) => {
  const box = app.commandBox;
  await box.fill('kafka-top');
  await box.press('Tab');
  await eventually(async () => assert.match(await box.inputValue(), /^kafka-topics(\.sh)? ?$/));
  await eventually(async () => assert.equal(await box.evaluate((el) => el === document.activeElement), true,
    'Tab with text in the console completes instead of moving focus'));
});
