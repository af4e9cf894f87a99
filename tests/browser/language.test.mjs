// The UI speaks zh-CN to browsers that prefer Chinese, English otherwise, and remembers a switch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openPage, screenshot } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a browser that prefers Chinese gets the zh-CN interface', async () => {
  const { context, page, errors } = await openPage(browser, 'phone', { locale: 'zh-CN' });
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('heading', { name: '登录' }).waitFor();
  await page.getByLabel('邮箱').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await screenshot(page, 'login-phone-zh');
  assert.deepEqual(errors, []);
  await context.close();
});

test('switching the language applies at once and survives a reload', async () => {
  const { context, page, errors } = await openPage(browser, 'desktop');
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await page.getByRole('heading', { name: '登录' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: '登录' }).waitFor();
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.deepEqual(errors, []);
  await context.close();
});
