// The page panel, shown when no block is selected: the page's title and theme are edited there,
// the canvas follows at once, undo takes a change back, and the page keeps it after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, screenshot, login, createPage, waitSaved, axe,
} from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('title and theme from the page panel, undone, redone and kept', async () => {
  const { page, errors } = await openPage(browser, 'desktop');
  await login(page);
  await createPage(page, 'Page settings test', 'Member club home', 'zh-CN');
  await page.keyboard.press('Escape');
  const panel = page.locator('.page-panel');
  await panel.waitFor();
  const themed = page.locator('.canvas [style*="--primary:"]').first();

  await panel.getByLabel('Page title').fill('春季会员日');
  await page.getByRole('heading', { name: '春季会员日', level: 1 }).waitFor();

  await panel.getByLabel('Brand colour', { exact: true }).fill('#1d6f42');
  await panel.getByLabel('Brand colour', { exact: true }).blur();
  assert.match(await themed.getAttribute('style'), /--primary:#1d6f42/);
  await panel.getByLabel('Font').selectOption('serif');
  assert.match(await themed.getAttribute('style'), /Georgia/);

  // A colour that is not one is flagged on its field.
  await panel.getByLabel('Accent colour', { exact: true }).fill('pink');
  await panel.locator('#theme-accent-err li').waitFor();
  await panel.getByLabel('Accent colour', { exact: true }).fill('#f4a259');
  await panel.locator('#theme-accent-err li').waitFor({ state: 'detached' });
  await panel.getByLabel('Accent colour', { exact: true }).blur();
  await screenshot(page, 'page-settings');
  assert.deepEqual(await axe(page, '.side'), [], 'the page panel passes axe');

  // Undo: the accent run, then the font, then the colour.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.doesNotMatch(await themed.getAttribute('style'), /Georgia/);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.doesNotMatch(await themed.getAttribute('style'), /--primary:#1d6f42/);
  await page.getByRole('button', { name: 'Redo' }).click();
  assert.match(await themed.getAttribute('style'), /--primary:#1d6f42/);

  // The schedule: closing before opening is flagged; fixed, it is kept.
  await panel.getByLabel('Opens').fill('2030-06-18T20:00');
  await panel.getByLabel('Closes').fill('2030-06-18T08:00');
  await panel.locator('#page-schedule-err li').waitFor();
  await panel.getByLabel('Closes').fill('2030-06-30T20:00');
  await panel.locator('#page-schedule-err li').waitFor({ state: 'detached' });

  await waitSaved(page);
  await page.reload();
  await page.getByRole('heading', { name: '春季会员日', level: 1 }).waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.page-panel').getByLabel('Brand colour', { exact: true }).inputValue(), '#1d6f42');
  assert.equal(await page.locator('.page-panel').getByLabel('Opens').inputValue(), '2030-06-18T20:00');
  assert.equal(await page.locator('.page-panel').getByLabel('Closes').inputValue(), '2030-06-30T20:00');
  assert.match(await page.locator('.canvas [style*="--primary:"]').first().getAttribute('style'), /--primary:#1d6f42/);
  assert.deepEqual(errors, []);
});
