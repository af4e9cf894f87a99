// Touch: a finger drags a block from the palette onto the canvas and reorders blocks on the canvas
// and in the outline, through the same pointer events as the mouse (pointerType "touch", from CDP
// touch input).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, createPage, slotOrder, screenshot } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const block = (page, id) => page.locator(`.canvas [data-id="${id}"]`);

/** Drags a finger from `from`'s centre to near the top edge of `to`, in small steps. */
async function touchDrag(page, cdp, from, to) {
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  const start = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const end = { x: b.x + b.width / 2, y: b.y + Math.min(8, b.height / 4) };
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [start] });
  const steps = 16;
  for (let i = 1; i <= steps; i++) {
    const x = start.x + ((end.x - start.x) * i) / steps;
    const y = start.y + ((end.y - start.y) * i) / steps;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** A touch-screen tablet in landscape, large enough for the builder, with a new page open. */
async function openTouchEditor(title) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1600 }, hasTouch: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  await login(page);
  await createPage(page, title, 'Nine-grid party');
  // Records which kinds of pointer pressed, so the test knows no mouse was involved.
  const pointerTypes = await page.evaluateHandle(() => {
    const seen = new Set();
    window.addEventListener('pointerdown', (e) => seen.add(e.pointerType), true);
    return seen;
  });
  const onlyTouch = async () => assert.deepEqual(await pointerTypes.evaluate((s) => [...s]), ['touch']);
  return { context, page, errors, cdp: await context.newCDPSession(page), onlyTouch };
}

test('a finger drags a block from the palette onto the canvas', async () => {
  const { context, page, errors, cdp, onlyTouch } = await openTouchEditor('Touch palette test');
  await touchDrag(page, cdp, page.getByRole('button', { name: 'Add Heading' }), block(page, 'grid'));
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['banner', 'heading-1', 'grid', 'cols', 'vote']);
  await page.getByRole('status').filter({ hasText: 'Dropped at position 2' }).waitFor();
  await onlyTouch();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a finger reorders blocks on the canvas and in the layers outline', async () => {
  const { context, page, errors, cdp, onlyTouch } = await openTouchEditor('Touch reorder test');
  await touchDrag(page, cdp, block(page, 'vote'), block(page, 'banner'));
  assert.deepEqual(await slotOrder(page, 'page', 'main'), ['vote', 'banner', 'grid', 'cols']);
  // In the outline: the banner's row onto the "Column 2" row.
  await touchDrag(page, cdp, page.locator('.layers [data-layer="banner"] button'),
    page.locator('.layers [data-layer="cols"][data-slot="col2"]'));
  assert.deepEqual(await slotOrder(page, 'cols', 'col2'), ['banner', 'right']);
  await onlyTouch();
  await screenshot(page, 'touch-reordered');
  assert.deepEqual(errors, []);
  await context.close();
});
