// Copy, cut and paste through the system clipboard: blocks copied in one page paste into another
// (in another tab), the clipboard holds Cradle JSON under its own type and as text, text that is
// not a valid Cradle fragment is refused with the problem named, and the inspector's text fields
// keep the browser's own copy and paste.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openPage, login, createPage, slotOrder } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const block = (page, id) => page.locator(`.canvas [data-id="${id}"]`);
const clipboardText = (page) => page.evaluate(() => navigator.clipboard.readText());

test('copy in one page, paste in another; cut; invalid clipboard JSON is refused', async () => {
  const { context, page, errors } = await openPage(browser, 'tall');
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
  await login(page);
  await createPage(page, 'Copy source', 'Nine-grid party');

  // Copy the columns (with the two buttons inside them).
  await page.locator('.layers [data-layer="cols"] button').click();
  await page.keyboard.press('Control+c');
  await page.getByRole('status').filter({ hasText: 'Copied 1 block(s)' }).waitFor();
  const copied = JSON.parse(await clipboardText(page));
  assert.equal(copied[0].root, 'cols');
  assert.deepEqual(Object.keys(copied[0].blocks).sort(), ['cols', 'left', 'right']);

  // Another page in another tab: paste them there, with fresh ids.
  const other = await context.newPage();
  await other.goto(`${BASE_URL}/`);
  await other.getByRole('heading', { name: 'Projects', level: 2 }).waitFor();
  await createPage(other, 'Paste target 2', 'Blank page');
  await other.locator('.canvas').click();
  await other.keyboard.press('Control+v');
  assert.deepEqual(await slotOrder(other, 'page', 'main'), ['columns-1']);
  assert.deepEqual(await slotOrder(other, 'columns-1', 'col1'), ['button-1']);
  await other.getByRole('status').filter({ hasText: 'Pasted 1 block(s)' }).waitFor();
  // One undo step takes the whole paste away.
  await other.getByRole('button', { name: 'Undo' }).click();
  assert.deepEqual(await slotOrder(other, 'page', 'main'), []);

  // Cut removes the block; paste puts a copy back.
  await block(page, 'vote').click();
  await page.keyboard.press('Control+x');
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'grid', 'cols']);
  await block(page, 'banner').click();
  await page.keyboard.press('Control+v');
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'vote-1', 'grid', 'cols']);

  // Text that is not Cradle blocks is refused, naming the problem; nothing changes.
  await page.evaluate(() => navigator.clipboard.writeText('{"root": "x", "blocks": {"x": {"id": "x", "kind": "hologram"}}}'));
  await page.keyboard.press('Control+v');
  await page.getByRole('alert').filter({ hasText: 'Cannot paste: the copied blocks are not valid: unknown variant `hologram`' }).waitFor();
  await page.evaluate(() => navigator.clipboard.writeText('just some words'));
  await page.keyboard.press('Control+v');
  await page.getByRole('alert').filter({ hasText: 'Cannot paste: the clipboard does not hold Cradle blocks (it is not JSON)' }).waitFor();
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'vote-1', 'grid', 'cols']);

  // In the inspector's text fields, copy and paste are the browser's own.
  await block(page, 'left').click();
  const label = page.getByLabel('Text', { exact: true });
  await label.fill('Sign in today');
  await label.selectText();
  await page.keyboard.press('Control+c');
  assert.equal(await clipboardText(page), 'Sign in today');
  await label.press('End');
  await page.keyboard.press('Control+v');
  assert.equal(await label.inputValue(), 'Sign in todaySign in today');
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'vote-1', 'grid', 'cols']);
  assert.deepEqual(errors, []);
  await context.close();
});
