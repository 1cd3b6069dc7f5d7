// The global keyboard shortcuts: Space plays and pauses, → steps, ? lists the shortcuts.

import assert from 'node:assert/strict';
import { appTest } from './apptest.mjs';
import { eventually } from './harness.mjs';

// focusBody takes focus off any control, so keys go to the page as shortcuts.
async function focusBody(app) {
  await app.page.evaluate(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  });
}

appTest('Space toggles the Play button between Play and Pause', async (app) => {
  await app.role('button', 'Play').waitFor();
  await focusBody(app);
  await app.page.keyboard.press('Space');
  await app.role('button', 'Pause').waitFor();
  assert.equal(await app.role('button', 'Play').count(), 0);
  await focusBody(app);
  await app.page.keyboard.press('Space');
  await app.role('button', 'Play').waitFor();
  assert.equal(await app.role('button', 'Pause').count(), 0);
});

appTest('Space in the console types a space instead of playing', async (app) => {
  await app.commandBox.fill('help');
  await app.commandBox.press('Space');
  assert.equal(await app.commandBox.inputValue(), 'help ');
  assert.equal(await app.role('button', 'Play').count(), 1, 'the clock must stay paused');
});

appTest('ArrowRight advances the simulated time', async (app) => {
  await app.role('button', 'Play').waitFor(); // paused: only the step moves the clock
  const before = await app.simTimeText();
  await focusBody(app);
  await app.page.keyboard.press('ArrowRight');
  await eventually(async () => assert.notEqual(await app.simTimeText(), before));
  const after = await app.simTimeText();
  await focusBody(app);
  await app.page.keyboard.press('ArrowRight');
  await eventually(async () => assert.notEqual(await app.simTimeText(), after));
});

appTest('? opens the keyboard shortcuts dialog and Escape closes it', async (app) => {
  await focusBody(app);
  await app.page.keyboard.press('?');
  const dialog = app.role('dialog', 'Keyboard shortcuts');
  await dialog.waitFor();
  const text = await dialog.textContent();
  for (const key of ['Space', '→', '?']) assert.ok(text.includes(key), `the dialog lists ${key}`);
  await app.page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});
