// Saved sections, as a marketer uses them: select blocks, save them as a named section, find it in
// the palette (search too), insert it into another page by drag and by keyboard (one undo step),
// reload and it is still there, delete it after confirming.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot, login, createPage, slotOrder, drag, waitSaved } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const block = (page, id) => page.locator(`.canvas [data-id="${id}"]`);

test('save blocks as a section, insert it in another page, delete it', async () => {
  const { context, page, errors } = await openPage(browser, 'tall');
  await login(page);
  await createPage(page, 'Section source', 'Nine-grid party');
  const name = `Party hero ${Date.now() % 100000}`;

  // Nothing selected: the action is unavailable.
  const saveAs = page.getByRole('button', { name: 'Save as section' });
  assert.equal(await saveAs.isDisabled(), true);
  // Select the banner and (Ctrl-click) the columns, then save them by keyboard.
  await block(page, 'banner').click();
  await page.locator('.layers [data-layer="cols"] button').click({ modifiers: ['Control'] });
  assert.equal(await page.locator('.layers [aria-selected="true"]').count(), 2, 'both rows show as selected');
  // Escape closes the name dialog without saving; focus goes back to the button.
  const dialog = page.getByRole('dialog', { name: 'Save as section' });
  await saveAs.click();
  await dialog.getByLabel('Section name').waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await saveAs.evaluate((el) => el === document.activeElement), true);
  assert.equal(await page.locator('.layers [aria-selected="true"]').count(), 2, 'still selected');
  await page.keyboard.press('Enter');
  await dialog.getByLabel('Section name').fill(name);
  await screenshot(page, 'sections-name-dialog');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  const item = page.getByRole('button', { name: `Insert section ${name}` });
  await item.waitFor();
  assert.equal(await saveAs.evaluate((el) => el === document.activeElement), true);

  // The palette's search finds it by name, and hides it when the words do not match.
  const search = page.getByLabel('Search blocks');
  await search.fill(name.slice(0, 9).toLowerCase());
  await item.waitFor();
  assert.equal(await page.getByRole('button', { name: 'Add Heading' }).count(), 0);
  await search.fill('no such words');
  await item.waitFor({ state: 'detached' });
  await search.fill('');

  // Another page: drag the section onto its empty canvas.
  await page.getByRole('link', { name: 'Back to projects' }).click();
  await createPage(page, 'Section target', 'Blank page');
  await drag(page, page.getByRole('button', { name: `Insert section ${name}` }), page.locator('.canvas [data-slot="main"]'));
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['carousel-1', 'columns-1']);
  assert.deepEqual(await slotOrder(page, 'columns-1', 'col1'), ['button-1']);
  assert.deepEqual(await slotOrder(page, 'columns-1', 'col2'), ['button-2']);
  await block(page, 'button-1').getByText('Sign in').waitFor();
  // The whole section is one undo step.
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.deepEqual(await slotOrder(page, 'page', 'main'), []);

  // Keyboard: Enter on the palette item inserts it too, with fresh ids again.
  await page.getByRole('button', { name: `Insert section ${name}` }).focus();
  await page.keyboard.press('Enter');
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['carousel-1', 'columns-1']);
  await page.getByRole('status').filter({ hasText: 'Inserted 2 block(s)' }).waitFor();
  await waitSaved(page);
  await screenshot(page, 'sections-inserted');

  // The section belongs to the workspace: still there after a reload.
  await page.reload();
  const kept = page.getByRole('button', { name: `Insert section ${name}` });
  await kept.waitFor();
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['carousel-1', 'columns-1']);

  // Deleting asks first; "Keep" keeps it, "Delete" removes it for good.
  await page.getByRole('button', { name: `Delete section ${name}` }).click();
  const confirm = page.getByRole('group', { name: `Delete section ${name}` });
  await confirm.getByRole('button', { name: 'Keep' }).click();
  await kept.waitFor();
  await page.getByRole('button', { name: `Delete section ${name}` }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await kept.waitFor({ state: 'detached' });
  await page.reload();
  await page.getByRole('button', { name: 'Add Heading' }).waitFor();
  await page.getByRole('heading', { name: 'Saved sections' }).waitFor();
  assert.equal(await kept.count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
