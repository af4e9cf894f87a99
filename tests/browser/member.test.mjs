// The member page on a phone (390×844, touch, zh-CN), as members meet it: the server sends it
// drawn, for them. A sign-in link from the brand opens a session and leaves the address bar; a
// week-20 member and a newborn's mother each see their own stage's block; a visitor sees the
// public content, a way in and the demo control; a bad link and a lost network say what to do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot, api, memberToken, BASE_URL, USER } from './harness.mjs';

const MID = '大排畸检查';

let browser;
let slug;
before(async () => {
  browser = await launch();
  slug = await publishGuide();
});
after(async () => { await browser?.close(); });

/** Publishes the pregnancy stage guide at a fresh address; returns the address's slug. */
async function publishGuide() {
  const login = await api('POST', '/api/auth/login', USER);
  const session = { cookie: login.cookie.split(';')[0], csrf: login.json.csrf_token };
  const slug = `guide-${Date.now().toString(36)}`;
  const draft = (await api('POST', '/api/documents', { title: '孕育指南', slug, template: 'stage-guide' }, session)).json;
  await api('POST', `/api/documents/${draft.id}/publish`, { version: draft.version }, session);
  return slug;
}

/** `days` from today, as YYYY-MM-DD. */
function day(days) {
  return new Date(Date.now() + days * 86400e3).toISOString().slice(0, 10);
}

test('a sign-in link opens a session; each member sees her own stage', async () => {
  const { context, page, errors } = await openPage(browser, 'phone', { locale: 'zh-CN' });
  const token = memberToken('mum-20w', ['--due-date', day(20 * 7)]);
  await page.goto(`${BASE_URL}/c/${slug}?t=${token}`);
  await page.getByText('已登录会员').waitFor();
  assert.equal(new URL(page.url()).search, '', 'the token left the address bar');
  await page.getByText(MID).waitFor();
  assert.equal(await page.getByText('宝宝出生头几个月').count(), 0, 'not the newborn block');
  await screenshot(page, 'member-week-20-phone');
  await context.close();

  const mother = await openPage(browser, 'phone', { locale: 'zh-CN' });
  const newborn = memberToken('mum-newborn', ['--baby-birth-date', day(-30)]);
  await mother.page.goto(`${BASE_URL}/c/${slug}?t=${newborn}`);
  await mother.page.getByText('已登录会员').waitFor();
  await mother.page.getByText('宝宝出生头几个月').waitFor();
  assert.equal(await mother.page.getByText(MID).count(), 0, 'not the mid-pregnancy block');
  await mother.context.close();
  assert.deepEqual(errors.filter((e) => !e.includes('integrity')), []);
});

test('a visitor reads the public page before any wasm, then tries it as a demo member', async () => {
  const { context, page } = await openPage(browser, 'phone', { locale: 'zh-CN' });
  // Without the runtime the page is still there: the server drew it.
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(`${BASE_URL}/c/${slug}`);
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  await page.getByText('您正在以访客身份浏览').waitFor();
  assert.equal(await page.getByText(MID).count(), 0, 'targeted blocks stay with their audience');
  await page.unroute('**/*.wasm');

  await page.reload();
  // The runtime swaps the server's member bar for its live copy as it starts: measure the button
  // once that is done, or the one measured may be gone.
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  const demo = page.getByRole('button', { name: '以演示会员身份体验' });
  await demo.waitFor(); // boundingBox() does not wait for the reloaded page
  const box = await demo.boundingBox();
  assert.ok(box.height >= 44 && box.width >= 44, 'a touch target');
  await demo.tap();
  await page.getByText('已登录会员').waitFor();
  await page.getByText(MID).waitFor(); // the demo member is 20 weeks pregnant
  await screenshot(page, 'member-demo-phone');
  await context.close();
});

test('a bad sign-in link and a lost network say what to do', async () => {
  const { context, page } = await openPage(browser, 'phone', { locale: 'zh-CN' });
  await page.goto(`${BASE_URL}/c/${slug}?t=not-a-token`);
  await page.getByRole('alert').filter({ hasText: '登录链接无效或已过期' }).waitFor();

  await page.goto(`${BASE_URL}/c/${slug}`);
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await context.setOffline(true);
  await page.getByRole('alert').filter({ hasText: '网络已断开' }).waitFor();
  await screenshot(page, 'member-offline-phone');
  await context.setOffline(false);
  await page.getByText('您正在以访客身份浏览').waitFor();

  // Offline while signing in: the retry reuses the link once the network is back.
  const token = memberToken('mum-retry', ['--due-date', day(20 * 7)]);
  await page.route('**/api/member/session', (route) => route.abort('internetdisconnected'));
  await page.goto(`${BASE_URL}/c/${slug}?t=${token}`);
  const retry = page.getByRole('button', { name: '重试' });
  await retry.waitFor();
  await page.unroute('**/api/member/session');
  await retry.tap();
  await page.getByText('已登录会员').waitFor();
  assert.equal(new URL(page.url()).search, '');
  await context.close();
});

test("a designer's preview link fits a phone and offers sizes on a large screen", async () => {
  const login = await api('POST', '/api/auth/login', USER);
  const session = { cookie: login.cookie.split(';')[0], csrf: login.json.csrf_token };
  const draft = (await api('POST', '/api/documents', { title: '草稿预览', slug: `draft-${Date.now().toString(36)}`, template: 'club-home' }, session)).json;
  const link = (await api('POST', `/api/documents/${draft.id}/preview-links`, { hours: 2 }, session)).json;

  const phone = await openPage(browser, 'phone', { locale: 'zh-CN' });
  await phone.page.goto(BASE_URL + link.url);
  await phone.page.getByRole('note').filter({ hasText: '草稿预览' }).waitFor();
  const overflow = await phone.page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the preview is ${overflow} px wider than the phone`);
  assert.equal(await phone.page.getByRole('navigation', { name: '预览尺寸' }).isVisible(), false);
  await screenshot(phone.page, 'preview-phone');
  await phone.context.close();

  const large = await openPage(browser, 'desktop', { locale: 'zh-CN' });
  await large.page.goto(BASE_URL + link.url);
  const sizes = large.page.getByRole('navigation', { name: '预览尺寸' });
  const frameWidth = () => large.page.locator('.preview__frame').evaluate((el) => el.getBoundingClientRect().width);
  assert.equal(await frameWidth(), 390);
  await sizes.getByRole('link', { name: '平板' }).click();
  await large.page.waitForURL(/size=tablet/);
  assert.equal(await frameWidth(), 768);
  assert.equal(await sizes.getByRole('link', { name: '平板' }).getAttribute('aria-current'), 'page');
  await large.context.close();
});

test('text at 200 % still reads on a phone: nothing is cut off sideways', async () => {
  const { context, page } = await openPage(browser, 'phone', { locale: 'zh-CN' });
  const token = memberToken('mum-200', ['--due-date', day(20 * 7)]);
  await page.goto(`${BASE_URL}/c/${slug}?t=${token}`);
  await page.getByText('已登录会员').waitFor();
  const base = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
  const scaled = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.member')).fontSize));
  assert.ok(scaled >= 2 * base - 0.5, `the text grew from ${base} to ${scaled} px`);
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone at 200 %`);
  await screenshot(page, 'member-text-200-phone');
  await context.close();
});
