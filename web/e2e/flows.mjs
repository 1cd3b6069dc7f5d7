// UI flows the tests share: what a person does to get the cluster into a state worth testing,
// done through the same buttons, dialogs and forms they would use, plus readers for the lanes
// layer's data attributes.

import assert from 'node:assert/strict';
import { eventually } from './harness.mjs';

// createTopic fills the "Create topic" dialog and submits it.
export async function createTopic(app, { name = 'orders', partitions = 3, replicationFactor = 3, minISR = 2 } = {}) {
  await app.role('button', 'New topic').click();
  const dialog = app.role('dialog', 'Create topic');
  await dialog.waitFor();
  await dialog.getByRole('textbox', { name: 'Topic name', exact: true }).fill(name);
  await dialog.getByRole('spinbutton', { name: 'Partitions', exact: true }).fill(String(partitions));
  await dialog.getByRole('spinbutton', { name: 'Replication factor', exact: true }).fill(String(replicationFactor));
  await dialog.getByRole('spinbutton', { name: 'min.insync.replicas', exact: true }).fill(String(minISR));
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

// produce sends count records with key through the "Produce records" form.
export async function produce(app, { key, value = 'order', count = 1 }) {
  const form = app.role('form', 'Produce records');
  await form.getByRole('textbox', { name: 'Key', exact: true }).fill(key);
  await form.getByRole('textbox', { name: 'Value', exact: true }).fill(value);
  await form.getByRole('spinbutton', { name: 'Count', exact: true }).fill(String(count));
  const echoes = app.page.locator('#console-output .line.cmd', { hasText: 'kafka-console-producer' });
  const before = await echoes.count();
  await form.getByRole('button', { name: 'Produce', exact: true }).click();
  // The form's command is echoed in the console once it has run (acks=all: every record acked).
  await eventually(async () => {
    assert.ok((await echoes.count()) > before, 'the produce form printed no kafka-console-producer command');
  });
}

// The lanes layer (web/lanes) nests cells in lanes in partition blocks; cells repeat their
// lane's data-broker and data-partition, so the selectors name the class too.

// partition reads one partition block of the lanes layer: its leader, ISR and high watermark,
// and per broker lane whether it is in sync and which offsets it draws.
export async function partition(app, name) {
  const block = app.page.locator(`#lanes .partition[data-partition="${name}"]`);
  const n = await block.count();
  assert.equal(n, 1, `the lanes layer draws ${n} blocks for partition ${name}, want exactly 1`);
  return block.evaluate((el) => {
    const ids = (s) => (s || '').split(',').map((x) => x.trim()).filter(Boolean).map(Number);
    const lanes = {};
    for (const lane of el.querySelectorAll('.lane[data-broker]')) {
      lanes[lane.getAttribute('data-broker')] = {
        insync: lane.getAttribute('data-insync'),
        offsets: [...lane.querySelectorAll('.cell[data-offset]')].map((c) => Number(c.getAttribute('data-offset'))),
        text: lane.textContent,
      };
    }
    return {
      leader: Number(el.getAttribute('data-leader')),
      isr: ids(el.getAttribute('data-isr')),
      hw: Number(el.getAttribute('data-hw')),
      lanes,
    };
  });
}

// partitionNames lists the partition blocks the lanes layer draws for a topic.
export async function partitionNames(app, topic) {
  return app.page.locator(`#lanes .partition[data-partition^="${topic}-"]`).evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-partition')).sort());
}

// partitionOfKey asks the console consumer which partition holds key: the tool prints
// `Partition:P<TAB>key<TAB>value` per record.
export async function partitionOfKey(app, topic, key) {
  const out = await app.run(`kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic ${topic} ` +
    '--from-beginning --property print.partition=true --property print.key=true');
  const re = new RegExp(`^Partition:(\\d+)\\t${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\t`, 'm');
  const m = re.exec(out || '');
  assert.ok(m, `the console consumer printed no record with key ${key}:\n${out}`);
  return `${topic}-${m[1]}`;
}
