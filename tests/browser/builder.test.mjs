// The builder, as a marketer uses it: create from a template, drag from the palette, reorder by
// drag and by keyboard, move into a column, edit a prop and see the canvas change, undo and redo,
// reload and find the edits, copy and paste, refused drops that say why, and the conflict dialog
// when two tabs edit the same page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, USER, launch, openPage, screenshot, login, createPage, slotOrder, drag, waitSaved } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const block = (page, id) => page.locator(`.canvas [data-id="${id}"]`);

test('create from a template, drag from the palette, edit, undo, redo, reload', async () => {
  const { context, page, errors } = await openPage(browser, 'tall');
  await login(page);
  await createPage(page, 'Club home test', 'Member club home');
  assert.deepEqual(await slotOrder(page, 'page', 'main'),
    ['notice', 'card', 'signin', 'tips', 'tasks', 'redeem', 'invite', 'share']);

  // Palette → canvas, dropped above the member card.
  await drag(page, page.getByRole('button', { name: 'Add Heading' }), block(page, 'card'));
  assert.deepEqual((await slotOrder(page, 'page', 'main')).slice(0, 3), ['notice', 'heading-1', 'card']);
  await page.getByRole('status').filter({ hasText: 'Dropped at position 2' }).waitFor();

  // The inspector edits the selected heading; the canvas follows as you type.
  const text = page.getByLabel('Text', { exact: true });
  await text.fill('Welcome, mums-to-be');
  await block(page, 'heading-1').getByRole('heading', { name: 'Welcome, mums-to-be' }).waitFor();
  await page.getByLabel('Size').selectOption('h1');
  await block(page, 'heading-1').getByRole('heading', { name: 'Welcome, mums-to-be', level: 1 }).waitFor();

  // Undo the size, undo the text (typing is one step), redo both.
  await page.getByRole('button', { name: 'Undo' }).click();
  await block(page, 'heading-1').getByRole('heading', { level: 2 }).waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await block(page, 'heading-1').getByRole('heading', { name: 'Heading' }).waitFor();
  await page.getByRole('button', { name: 'Redo' }).click();
  await page.getByRole('button', { name: 'Redo' }).click();
  await block(page, 'heading-1').getByRole('heading', { name: 'Welcome, mums-to-be', level: 1 }).waitFor();

  await waitSaved(page);
  await screenshot(page, 'builder-edited');
  await page.reload();
  await block(page, 'heading-1').getByRole('heading', { name: 'Welcome, mums-to-be', level: 1 }).waitFor();
  assert.deepEqual((await slotOrder(page, 'page', 'main')).slice(0, 3), ['notice', 'heading-1', 'card']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an edit made offline survives a reload made at once, and reaches the server later', async () => {
  const { context, page, errors } = await openPage(browser, 'tall');
  await login(page);
  await createPage(page, 'Offline test', 'Member club home');
  await drag(page, page.getByRole('button', { name: 'Add Heading' }), block(page, 'card'));
  await waitSaved(page);
  // The server is unreachable for saves; the edit is typed and the page reloaded straight away,
  // before the local draft's timer: leaving the page writes it.
  const saves = (route) => (route.request().method() === 'PUT' ? route.abort() : route.continue());
  await page.route('**/api/documents/*', saves);
  await page.getByLabel('Text', { exact: true }).fill('写下就不会丢');
  await page.reload();
  await block(page, 'heading-1').getByRole('heading', { name: '写下就不会丢' }).waitFor();
  await page.unroute('**/api/documents/*', saves);
  await waitSaved(page);
  await page.reload();
  await block(page, 'heading-1').getByRole('heading', { name: '写下就不会丢' }).waitFor();
  assert.deepEqual(errors.filter((e) => !/ERR_FAILED|Failed to fetch|Failed to load resource/.test(e)), []);
  await context.close();
});

test('a page link opened signed out signs in at the office and comes back to the page; again, its draft comes preloaded', async () => {
  const first = await openPage(browser, 'tall');
  await login(first.page);
  const id = await createPage(first.page, 'Signed-out link test', 'Member club home');
  await first.context.close();
  const { context, page, errors } = await openPage(browser, 'tall');
  await page.goto(`${BASE_URL}/edit/${id}`);
  // The editor has no login form of its own: the office's, asked to come back.
  await page.waitForURL(`${BASE_URL}/?next=/edit/${id}`);
  await page.getByLabel('Email').fill(USER.email);
  await page.getByLabel('Password').fill(USER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Signed-out link test', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/edit/${id}`);
  await block(page, 'card').waitFor();
  // The page fetched before signing in was refused (401); nothing else went wrong.
  assert.deepEqual(errors.filter((e) => !/401/.test(e)), []);
  // Opened again, signed in: the draft the server preloaded with the page is the one used.
  await page.reload();
  await block(page, 'card').waitFor();
  const fetched = await page.evaluate((id) => performance.getEntriesByType('resource')
    .filter((e) => new URL(e.name).pathname === `/api/documents/${id}`)
    .map((e) => e.initiatorType), id);
  assert.deepEqual(fetched, ['link'], 'fetched once, by the preload');
  await context.close();
});

test('an editor link whose session cannot be checked says why and stays', async () => {
  const { context, page } = await openPage(browser, 'tall');
  await page.route('**/api/auth/session', (route) => route.fulfill({
    status: 503,
    contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'unavailable', message: 'down for maintenance', details: null } }),
  }));
  await page.goto(`${BASE_URL}/edit/some-page`);
  await page.getByRole('alert').waitFor();
  assert.notEqual((await page.getByRole('alert').textContent()).trim(), '');
  assert.equal(new URL(page.url()).pathname, '/edit/some-page');
  await context.close();
});

test('a part of the editor that could not be fetched says so, and comes on the next try', async () => {
  const { context, page, errors } = await openPage(browser, 'tall');
  await login(page);
  await createPage(page, 'Chunk offline', 'Blank page');
  // The inspector comes in a chunk of its own after the canvas: here its download fails, as on a
  // dropped connection, while the rest of the editor works.
  await page.route('**/split_inspector.wasm', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await page.getByRole('heading', { name: 'Chunk offline', level: 1 }).waitFor();
  const inspector = page.getByRole('complementary', { name: 'Settings', exact: true });
  await inspector.getByRole('alert').waitFor();
  assert.equal((await inspector.getByRole('alert').textContent()).includes('could not be loaded'), true);
  assert.equal(await inspector.getByRole('heading', { name: 'Page settings' }).count(), 0);
  await screenshot(page, 'builder-chunk-missing', { fullPage: false });
  await page.unroute('**/split_inspector.wasm');
  await inspector.getByRole('button', { name: 'Try again' }).click();
  await inspector.getByRole('heading', { name: 'Page settings' }).waitFor();
  assert.equal(await inspector.getByRole('alert').count(), 0);
  // The console tells only of the failed download (no panic, nothing else).
  assert.ok(errors.length > 0 && errors.every((e) => /ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)), errors.join('\n'));
  await context.close();
});

test('an edit with a mistake, kept in the browser, shows the mistake once opened again, before any edit', async () => {
  const { context, page } = await openPage(browser, 'tall');
  await login(page);
  await createPage(page, 'Mistake kept', 'Blank page');
  const panel = page.getByRole('complementary', { name: 'Settings', exact: true });
  // The server keeps no page with a mistake; the browser's draft keeps the edit.
  await panel.getByLabel('Page title').fill('');
  await page.locator('.toolbar__errors').waitFor();
  await page.reload();
  // The page's rules come in a chunk of their own after the first frame: the count is found
  // without an edit, and the palette, outline and inspector have come too.
  await page.locator('.toolbar__errors').filter({ hasText: '1 ' }).waitFor();
  await page.getByRole('button', { name: 'Add Text' }).waitFor();
  await page.getByRole('tree').waitFor({ state: 'attached' });
  await panel.getByLabel('Page title').waitFor();
  assert.equal(await panel.getByLabel('Page title').getAttribute('aria-invalid'), 'true');
  await context.close();
});

test('reorder by drag and by keyboard, move into a column, refused drops say why', async () => {
  const { context, page, errors } = await openPage(browser, 'tall');
  await login(page);
  await createPage(page, 'Party test', 'Nine-grid party');
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'grid', 'cols', 'vote']);

  // Drag the vote above the banner.
  await drag(page, block(page, 'vote'), block(page, 'banner'));
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['vote', 'banner', 'grid', 'cols']);

  // Keyboard: select the vote with Enter, Alt+↓ twice; the move is announced.
  await block(page, 'vote').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('Alt+ArrowDown');
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'grid', 'vote', 'cols']);
  await page.getByText('Moved Vote to position 3 of 4').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.id), 'vote');

  // Into a column by drag: the vote goes above the left button in column 1.
  await drag(page, block(page, 'vote'), block(page, 'left'));
  assert.deepEqual(await slotOrder(page, 'cols', 'col1'), ['vote', 'left']);
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'grid', 'cols']);

  // Out again with "Move to…", the keyboard path for any container.
  await block(page, 'vote').click();
  await page.getByLabel('Move to…').selectOption({ label: 'Page page › main' });
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'grid', 'cols', 'vote']);

  // Games need the full width: dropping the nine-grid into a column is refused, with the reason.
  await drag(page, block(page, 'grid'), block(page, 'right'));
  await page.getByRole('alert').filter({ hasText: 'games need the full width' }).waitFor();
  assert.deepEqual(await slotOrder(page, 'cols', 'col2'), ['right']);
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'grid', 'cols', 'vote']);

  // Escape cancels a drag in progress.
  const from = await block(page, 'banner').boundingBox();
  await page.mouse.move(from.x + 20, from.y + 20);
  await page.mouse.down();
  await page.mouse.move(from.x + 40, from.y + 300, { steps: 8 });
  await page.keyboard.press('Escape');
  await page.mouse.up();
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'grid', 'cols', 'vote']);
  await screenshot(page, 'builder-columns');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a block is grabbed anywhere: by a link button\'s label, and after text was swept', async () => {
  const { context, page, errors } = await openPage(browser, 'tall');
  await login(page);
  await createPage(page, 'Grab test', 'Nine-grid party');
  // The left button becomes a link: on the canvas it is an <a href>, which browsers drag natively.
  await block(page, 'left').click();
  await page.getByLabel('Action').selectOption({ label: 'Open a link' });
  const label = block(page, 'left').locator('a');
  await label.waitFor();
  await drag(page, label, block(page, 'banner'));
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['left', 'banner', 'grid', 'cols', 'vote']);

  // Sweep the mouse across the page from the canvas margin, as when trying to select text; it
  // selects nothing, and the next drag (grabbing the vote by its title) still moves the block.
  const canvas = await page.locator('.canvas').boundingBox();
  const vote = await block(page, 'vote').boundingBox();
  await page.mouse.move(canvas.x + 4, vote.y + 10);
  await page.mouse.down();
  await page.mouse.move(vote.x + vote.width - 10, vote.y + 40, { steps: 8 });
  await page.mouse.up();
  assert.equal(await page.evaluate(() => String(window.getSelection())), '');
  await drag(page, block(page, 'vote').getByText(/vote|Vote/).first(), block(page, 'left'));
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['vote', 'left', 'banner', 'grid', 'cols']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('delete, duplicate and copy-paste with the keyboard, across tabs', async () => {
  const { context, page, errors } = await openPage(browser, 'tall');
  await login(page);
  await createPage(page, 'Keys test', 'Nine-grid party');
  await block(page, 'vote').click();
  await page.keyboard.press('Control+d');
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'grid', 'cols', 'vote', 'vote-1']);
  await page.getByRole('status').filter({ hasText: 'Duplicated 1 block(s)' }).waitFor();
  await page.keyboard.press('Delete');
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'grid', 'cols', 'vote']);
  await page.getByRole('status').filter({ hasText: 'Deleted 1 block(s)' }).waitFor();
  await page.keyboard.press('Control+z');
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'grid', 'cols', 'vote', 'vote-1']);

  // The same keys in the zh-CN builder say so in Chinese.
  await page.evaluate(() => localStorage.setItem('cradle.lang', 'zh-CN'));
  await page.reload();
  // The palette comes after the first paint, as the editing does.
  await page.getByRole('button', { name: '添加 标题' }).waitFor();
  await block(page, 'vote-1').click();
  await page.keyboard.press('Control+d');
  await page.getByRole('status').filter({ hasText: '已创建 1 个副本' }).waitFor();
  await page.keyboard.press('Delete');
  await page.getByRole('status').filter({ hasText: '已删除 1 个组件' }).waitFor();
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'grid', 'cols', 'vote', 'vote-1']);
  await page.evaluate(() => localStorage.setItem('cradle.lang', 'en'));
  await page.reload();
  await page.getByRole('heading', { name: 'Keys test', level: 1 }).waitFor();

  // Copy the banner here, paste it into another page in a second tab.
  await block(page, 'banner').click();
  await page.keyboard.press('Control+c');
  const other = await context.newPage();
  await other.goto(`${BASE_URL}/`);
  await other.getByRole('heading', { name: 'Projects', level: 2 }).waitFor();
  await createPage(other, 'Paste target', 'Blank page');
  await other.locator('.canvas').click();
  await other.keyboard.press('Control+v');
  assert.deepEqual(await slotOrder(other, 'page', 'main'), ['carousel-1']);
  await other.getByRole('status').filter({ hasText: 'Pasted 1 block(s)' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs editing one page get the conflict dialog, never a silent overwrite', async () => {
  const { context, page } = await openPage(browser, 'tall');
  await login(page);
  await createPage(page, 'Conflict test', 'Blank page');
  const url = page.url();
  const second = await context.newPage();
  await second.goto(url);
  await second.getByRole('heading', { name: 'Conflict test', level: 1 }).waitFor();

  // Tab 1 saves first.
  await page.getByRole('button', { name: 'Add Heading' }).click();
  await page.getByLabel('Text', { exact: true }).fill('From tab one');
  await waitSaved(page);
  // Tab 2, still on the old version, edits and tries to save.
  await second.getByRole('button', { name: 'Add Spacer' }).click();
  const dialog = second.getByRole('alertdialog', { name: 'This page changed elsewhere' });
  await dialog.waitFor({ timeout: 15000 });
  await screenshot(second, 'builder-conflict');

  // Overwrite needs a second click to confirm; load theirs instead.
  await dialog.getByRole('button', { name: 'Overwrite theirs' }).click();
  await dialog.getByRole('button', { name: 'Yes, overwrite their changes' }).waitFor();
  await dialog.getByRole('button', { name: 'Load theirs' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await block(second, 'heading-1').getByRole('heading', { name: 'From tab one' }).waitFor();
  assert.equal(await block(second, 'spacer-1').count(), 0);
  await context.close();
});

// A 1x1 PNG, and text that only pretends to be one.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

test('upload a picture from the inspector; a file that is not a picture is refused', async () => {
  const { context, page, errors } = await openPage(browser, 'desktop');
  await login(page);
  await createPage(page, 'Picture test', 'Blank page');
  await page.getByRole('button', { name: 'Add Image' }).click();
  const image = page.locator('.canvas [data-id="image-1"] img');
  await image.waitFor();

  const upload = page.getByLabel('Picture: Upload a picture…');
  await upload.setInputFiles({ name: 'not-a-picture.png', mimeType: 'image/png', buffer: Buffer.from('hello, I am text') });
  await page.getByRole('alert').filter({ hasText: 'only PNG, JPEG, WebP and GIF pictures can be uploaded' }).waitFor();

  await upload.setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: PNG });
  const field = page.getByLabel('Picture', { exact: true });
  await assert.doesNotReject(page.waitForFunction(() => document.getElementById('f-image-1-src')?.value.startsWith('/api/assets/')));
  const url = await field.inputValue();
  assert.match(url, /^\/api\/assets\/[0-9a-f]+\.png$/);
  assert.equal(await image.getAttribute('src'), url, 'the canvas shows the uploaded picture');
  await screenshot(page, 'builder-upload');
  const served = await page.request.get(BASE_URL + url);
  assert.equal(served.status(), 200);
  assert.equal(served.headers()['content-type'], 'image/png');

  // One undo step puts the previous picture back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.waitForFunction((u) => document.getElementById('f-image-1-src')?.value !== u, url);
  // The refused upload's 415 is the only console error (Chromium logs failed requests).
  assert.deepEqual(errors.filter((e) => !e.includes('415')), []);
  await context.close();
});
