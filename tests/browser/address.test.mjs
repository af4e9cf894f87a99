// Member addresses: a page titled in Chinese publishes at a readable pinyin address, a second page
// with the same title gets the next free one, and the page panel changes the address with a live
// check that refuses a taken address, offers a free one and applies a free address as one undo step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot, login, createPage, waitSaved } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Publishes the open page and returns the live link's address. */
async function publish(page, version) {
  await waitSaved(page);
  await page.getByRole('button', { name: 'Publish' }).click();
  const live = page.getByRole('status').filter({ hasText: `Live: version ${version}.` });
  await live.waitFor();
  return live.getByRole('link', { name: 'Open the live page' }).getAttribute('href');
}

test('Chinese titles publish at readable addresses; the address is changed with a live check', async () => {
  const { page, errors, context } = await openPage(browser, 'desktop');
  await login(page);
  await createPage(page, '双11抽奖', 'Member club home');
  const first = await publish(page, 1);
  assert.match(first, /^\/c\/shuang-11-chou-jiang(-\d+)?$/);
  const taken = first.slice('/c/'.length);

  await page.goto(page.url().replace(/\/edit\/.*/, '/'));
  await createPage(page, '双11抽奖', 'Member club home');
  const field = page.getByLabel('Member address');
  const second = await field.inputValue();
  assert.notEqual(second, taken);
  assert.match(second, /^shuang-11-chou-jiang-\d+$/);

  // A taken address is refused with a free one to use instead; nothing changes meanwhile.
  await field.fill(taken);
  const status = page.locator('#page-address-status');
  await status.filter({ hasText: 'Another page uses this address.' }).waitFor();
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const suggestion = page.getByRole('button', { name: /^Use shuang-11-chou-jiang-\d+$/ });
  const offered = (await suggestion.textContent()).replace('Use ', '');
  await field.fill('双11');
  await status.filter({ hasText: 'Use lowercase letters, digits and hyphens only' }).waitFor();
  await screenshot(page, 'address-refused');

  // The offered address is this page's own: taking it leaves nothing refused.
  await field.fill(taken);
  await suggestion.click();
  assert.equal(await field.inputValue(), offered);
  await page.waitForFunction(() => document.querySelector('#page-address').getAttribute('aria-invalid') === 'false');

  // A free address is taken at once and the page publishes there.
  await field.fill('double-11');
  await status.filter({ hasText: 'Available' }).waitFor();
  assert.equal(await publish(page, 1), '/c/double-11');

  // Undo takes the address back to the one the page was created with.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.waitForFunction((want) => document.querySelector('#page-address').value === want, second);

  // The page language is a page setting too: members' words change with it, as one undo step.
  const day = page.locator('.canvas .cradle-calendar__day').first();
  await day.getByText('D1').waitFor();
  await page.getByLabel('Page language').selectOption('zh-CN');
  await day.getByText('第1天').waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await day.getByText('D1').waitFor();
  assert.equal(await page.getByLabel('Page language').inputValue(), 'en');
  assert.deepEqual(errors, []);
  await context.close();
});
