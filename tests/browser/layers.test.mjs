// The layers outline as a marketer uses it: select several rows with Ctrl/Shift-click, drag a row
// to reorder it, into a column and out again; refused drops say why; Escape cancels a drag. A long
// page's outline draws the rows in view, and scrolling or Tab reaches every other one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot, login, createPage, slotOrder, drag, waitSaved, api, USER, BASE_URL } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const row = (page, id) => page.locator(`.layers [data-layer="${id}"]:not([data-slot]) button`);
const column = (page, id, slot) => page.locator(`.layers [data-layer="${id}"][data-slot="${slot}"]`);

test('drag layer rows to reorder, into a column and out; refusals and Escape', async () => {
  const { context, page, errors } = await openPage(browser, 'tall');
  await login(page);
  await createPage(page, 'Layers test', 'Nine-grid party');
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'grid', 'cols', 'vote']);

  // Ctrl-click adds a row to the selection, a plain click selects one.
  await row(page, 'banner').click();
  await row(page, 'vote').click({ modifiers: ['Control'] });
  const selected = () => page.locator('.layers [aria-selected="true"]').evaluateAll((els) => els.map((e) => e.dataset.layer));
  assert.deepEqual(await selected(), ['banner', 'vote']);
  await row(page, 'grid').click();
  assert.deepEqual(await selected(), ['grid']);

  // Reorder: the banner dropped on the lower half of the columns row goes after them.
  await drag(page, row(page, 'banner'), row(page, 'cols'), { above: false });
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['grid', 'cols', 'banner', 'vote']);
  await page.getByRole('status').filter({ hasText: 'Dropped at position 3' }).waitFor();

  // Into a column: the vote dropped on the "Column 2" row goes first in it.
  await drag(page, row(page, 'vote'), column(page, 'cols', 'col2'));
  assert.deepEqual(await slotOrder(page, 'cols', 'col2'), ['vote', 'right']);
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['grid', 'cols', 'banner']);
  // The outline follows: the vote's row now sits under "Column 2", one level deeper.
  assert.equal(await page.locator('.layers [data-layer="vote"]').getAttribute('aria-level'), '2');

  // Out again: above the grid's row, at the top of the page.
  await drag(page, row(page, 'vote'), row(page, 'grid'));
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['vote', 'grid', 'cols', 'banner']);
  assert.deepEqual(await slotOrder(page, 'cols', 'col2'), ['right']);

  // Games need the full width: the grid dropped into a column is refused, with the reason shown
  // while dragging and after the drop.
  const from = await row(page, 'grid').boundingBox();
  const to = await column(page, 'cols', 'col1').boundingBox();
  await page.mouse.move(from.x + 20, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + 30, to.y + to.height / 2, { steps: 10 });
  await page.locator('.drop-line--refused').filter({ hasText: 'games need the full width' }).waitFor();
  await screenshot(page, 'layers-refused');
  await page.mouse.up();
  await page.getByRole('alert').filter({ hasText: 'games need the full width' }).waitFor();
  assert.deepEqual(await slotOrder(page, 'cols', 'col1'), ['left']);

  // Escape cancels a drag in progress; nothing moves.
  const banner = await row(page, 'banner').boundingBox();
  await page.mouse.move(banner.x + 20, banner.y + banner.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + 4, { steps: 10 });
  await page.locator('.drop-line').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.drop-line').waitFor({ state: 'detached' });
  await page.mouse.up();
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['vote', 'grid', 'cols', 'banner']);

  // Every move was saved.
  await waitSaved(page);
  await page.reload();
  await row(page, 'vote').waitFor();
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['vote', 'grid', 'cols', 'banner']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('dragging one of several selected blocks moves them all, side by side, as one undo step', async () => {
  const { context, page, errors } = await openPage(browser, 'tall');
  await login(page);
  await createPage(page, 'Group move test', 'Nine-grid party');
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'grid', 'cols', 'vote']);
  await row(page, 'banner').click();
  await row(page, 'vote').click({ modifiers: ['Control'] });

  // The vote's row dropped on the lower half of the grid's: banner and vote land after the grid.
  await drag(page, row(page, 'vote'), row(page, 'grid'), { above: false });
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['grid', 'banner', 'vote', 'cols']);

  await page.getByRole('button', { name: 'Undo' }).click();
  await page.waitForFunction(() => document.querySelector('.canvas [data-parent="page"][data-slot="main"] > [data-id]')?.dataset.id === 'banner');
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'grid', 'cols', 'vote']);
  await waitSaved(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 300-block outline draws the rows in view; scrolling and Tab reach the rest', async () => {
  const login = await api('POST', '/api/auth/login', USER);
  const staff = { cookie: login.cookie.split(';')[0], csrf: login.json.csrf_token };
  const draft = (await api('POST', '/api/documents', { title: 'Long outline', template: 'blank' }, staff)).json;
  const doc = draft.document;
  const ids = Array.from({ length: 300 }, (_, i) => `b${i}`);
  for (const id of ids) doc.blocks[id] = { id, kind: 'heading' };
  doc.blocks.page.slots = { main: ids };
  await api('PUT', `/api/documents/${draft.id}`, { version: draft.version, document: doc }, staff);

  const { context, page, errors } = await openPage(browser, 'desktop');
  await context.addCookies([{ name: 'cradle_session', value: staff.cookie.split('=')[1], url: BASE_URL }]);
  await page.goto(`${BASE_URL}/edit/${draft.id}`);
  await page.locator('.canvas [data-id="b299"]').waitFor();
  await row(page, 'b0').waitFor();
  const drawn = () => page.locator('.layers [data-layer]').count();
  assert.ok(await drawn() < 60, `only the rows in view and a margin are drawn (${await drawn()})`);
  assert.equal(await row(page, 'b299').count(), 0);
  // Screen readers still hear where a row stands in the whole outline.
  const place = (id) => page.locator(`.layers [data-layer="${id}"]`).evaluate((li) => [li.getAttribute('aria-posinset'), li.getAttribute('aria-setsize')]);
  assert.deepEqual(await place('b0'), ['1', '300']);
  // The list keeps the height of every row, so the scroll bar tells how long the page is.
  const heights = await page.locator('.layers ul').evaluate((ul) => ({
    list: ul.getBoundingClientRect().height,
    rows: [...ul.querySelectorAll('li')].map((li) => li.getBoundingClientRect().height),
  }));
  assert.ok(heights.rows.every((h) => h === 44), `every row is 44 px, a touch target (${heights.rows})`);
  assert.equal(heights.list, 300 * 44);

  // Scrolled to the end, the last rows are there and select their block.
  await page.locator('.side').evaluate((side) => { side.scrollTop = side.scrollHeight; });
  await row(page, 'b299').click();
  assert.equal(await page.locator('.canvas [data-id="b299"]').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await place('b299'), ['300', '300']);
  assert.equal(await row(page, 'b0').count(), 0, 'rows scrolled far out of view are let go');

  // Back at the top, Tab walks the rows one by one past those first drawn.
  await page.locator('.side').evaluate((side) => { side.scrollTop = 0; });
  await row(page, 'b0').focus();
  for (let i = 0; i < 70; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('[data-layer]')?.dataset.layer), 'b70');
  await screenshot(page, 'layers-long', { fullPage: false });
  assert.deepEqual(errors, []);
  await context.close();
});
