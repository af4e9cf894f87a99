// The clerk screen at the till (zh-CN, on a phone as clerks use one): a member wins a coupon on a
// published wheel; a clerk signs in, types the code the member shows, sees the prize and redeems
// it once; a second try and an unknown code are refused with the reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  launch, openPage, screenshot, api, memberToken, axe, BASE_URL, USER,
} from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = Date.now().toString(36);
const CLERK = { email: `clerk-${run}@cradle.test`, password: 'password12345' };

let browser;
let slug;
before(async () => {
  browser = await launch();
  execFileSync(path.join(root, 'target/debug/cradle-server'),
    ['user', 'add', '--email', CLERK.email, '--role', 'clerk', '--workspace', 'Test brand'],
    { input: `${CLERK.password}\n`, env: { ...process.env, DATABASE_URL: '' } });
  // A wheel that all but always gives a coupon (weights 100,000 : 1 against "thank you").
  const login = await api('POST', '/api/auth/login', USER);
  const staff = { cookie: login.cookie.split(';')[0], csrf: login.json.csrf_token };
  slug = `till-${run}`;
  const draft = (await api('POST', '/api/documents', { title: '门店核销', slug, template: 'wheel-campaign' }, staff)).json;
  const doc = draft.document;
  const campaign = doc.campaigns[0];
  campaign.prizes = campaign.prizes.filter((p) => ['coupon-20', 'thanks-1'].includes(p.id));
  for (const prize of campaign.prizes) prize.weight = prize.id === 'coupon-20' ? 100000 : 1;
  const saved = (await api('PUT', `/api/documents/${draft.id}`, { version: draft.version, document: doc }, staff)).json;
  await api('POST', `/api/documents/${draft.id}/publish`, { version: saved.version }, staff);
});
after(async () => { await browser?.close(); });

/** Opens the clerk screen on `page` and signs the clerk in. */
async function signInClerk(page) {
  await page.goto(`${BASE_URL}/clerk`);
  await page.getByLabel('邮箱').fill(CLERK.email);
  await page.getByLabel('密码').fill(CLERK.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

test('a clerk redeems a prize code once; a second try and an unknown code say why', async () => {
  // The member wins the coupon.
  const member = await openPage(browser, 'phone', { locale: 'zh-CN' });
  await member.page.goto(`${BASE_URL}/c/${slug}?t=${memberToken(`winner-${run}`)}`);
  await member.page.getByText('已登录会员').waitFor();
  const won = await member.page.evaluate(async () => {
    const csrf = document.getElementById('member-bar').dataset.csrf;
    const r = await fetch(location.pathname.replace('/c/', '/api/published/') + '/campaigns/spring-wheel/draws', {
      method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID(), 'X-CSRF-Token': csrf },
    });
    return r.json();
  });
  const code = won.draw.code;
  assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/, JSON.stringify(won));
  await member.context.close();

  const { page, errors } = await openPage(browser, 'phone', { locale: 'zh-CN' });
  await signInClerk(page);
  await page.getByRole('heading', { name: '核销奖品码', level: 1 }).waitFor();

  // Typed as a member reads it out: lower case, spaces for dashes.
  await page.getByLabel('奖品码').fill(code.toLowerCase().replaceAll('-', ' '));
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByText('可以核销：请把奖品交给会员。').waitFor();
  await page.locator('.clerk-facts').getByText('20 元优惠券').waitFor();
  await page.getByRole('button', { name: '确认核销' }).click();
  await page.getByRole('status').filter({ hasText: '核销成功。' }).waitFor();
  await screenshot(page, 'clerk-redeemed-phone');
  assert.deepEqual(await axe(page), [], 'the clerk screen passes axe');

  // Again: refused, saying when it was redeemed.
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByRole('alert').filter({ hasText: /^这个码已于 \d{4}-\d\d-\d\d \d\d:\d\d 核销过，不能再次核销。$/ }).waitFor();
  assert.equal(await page.getByRole('button', { name: '确认核销' }).count(), 0);
  // Not a code of this brand.
  await page.getByLabel('奖品码').fill('ABCD-EFGH-JKMN');
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByRole('alert').filter({ hasText: '没有这个奖品码：请核对字母后重试。' }).waitFor();
  assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
});

test('a member redeems a points-mall item after confirming; the clerk redeems her code once', async () => {
  // A page with a sign-in calendar (5 points a day) and one pack of wipes for 5 points.
  const login = await api('POST', '/api/auth/login', USER);
  const staff = { cookie: login.cookie.split(';')[0], csrf: login.json.csrf_token };
  const mallSlug = `mall-${run}`;
  const draft = (await api('POST', '/api/documents', { title: '积分商城', slug: mallSlug, template: 'blank' }, staff)).json;
  const doc = draft.document;
  doc.language = 'zh-CN';
  doc.blocks.sign = { id: 'sign', kind: 'sign_in_calendar', props: {
    title: '每日签到', daily_points: 5, rewards: [], streak_days: 7, streak_bonus: 0 } };
  doc.blocks.mall = { id: 'mall', kind: 'redemption_grid', version: 2, props: { title: '积分兑好礼', columns: 2, items: [
    { name: '婴儿湿巾', image: '', alt: '', points: 5, stock: 1, valid_days: 30 },
    { name: '婴儿盖毯', image: '', alt: '', points: 3000, stock: 10, valid_days: 30 },
  ] } };
  doc.blocks.coupons = { id: 'coupons', kind: 'coupon_list', version: 2, props: { title: '专属优惠券', coupons: [
    { name: '新人专享券', value: '¥20', condition: '满 99 元可用', stock: 100, valid_days: 30 },
  ] } };
  doc.blocks.page.slots.main = ['sign', 'mall', 'coupons'];
  const saved = (await api('PUT', `/api/documents/${draft.id}`, { version: draft.version, document: doc }, staff)).json;
  await api('POST', `/api/documents/${draft.id}/publish`, { version: saved.version }, staff);

  const member = await openPage(browser, 'phone', { locale: 'zh-CN' });
  const { page } = member;
  await page.goto(`${BASE_URL}/c/${mallSlug}?t=${memberToken(`shopper-${run}`)}`);
  await page.getByText('已登录会员').waitFor();
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  const mall = page.locator('.cradle-mall').filter({ hasText: '婴儿湿巾' });
  // No points yet: the tile and a tap say how many she lacks; nothing is asked.
  await mall.getByText('还差 5 积分').waitFor();
  await mall.getByRole('button', { name: '兑换' }).first().tap();
  await mall.getByRole('status').filter({ hasText: '还差 5 积分' }).waitFor();
  assert.equal(await mall.getByRole('group', { name: '确认兑换' }).isVisible(), false);
  // She signs in (+5), then redeems: asked first, then her code and its QR appear.
  await page.getByRole('button', { name: '签到', exact: true }).tap();
  await page.getByRole('status').filter({ hasText: /^今日签到获得 5 积分/ }).waitFor();
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await mall.getByRole('button', { name: '兑换' }).first().tap();
  const confirm = mall.getByRole('group', { name: '确认兑换' });
  await confirm.getByText('确定用 5 积分兑换「婴儿湿巾」吗？').waitFor();
  await confirm.getByRole('button', { name: '确认兑换' }).tap();
  const code = mall.locator('.cradle-code__text');
  await code.waitFor();
  const shown = await code.textContent();
  assert.match(shown, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await page.getByRole('img', { name: `QR ${shown}` }).waitFor();
  await mall.getByRole('button', { name: '已兑完' }).waitFor();
  const me = await page.evaluate(() => fetch('/api/member/me').then((r) => r.json()));
  assert.equal(me.points.balance, 0, 'her points fell by the price');
  // A coupon is claimed at once, for free, and only once.
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  const coupons = page.locator('.cradle-mall').filter({ hasText: '新人专享券' });
  await coupons.getByRole('button', { name: '领取' }).tap();
  await coupons.getByRole('button', { name: '已领取' }).waitFor();
  await coupons.locator('.cradle-code__text').waitFor();
  await page.waitForFunction(() => window.wasmBindings !== undefined);
  await coupons.getByRole('button', { name: '已领取' }).tap();
  await coupons.getByRole('status').filter({ hasText: '已领取' }).waitFor();
  await screenshot(page, 'mall-redeemed-phone');
  assert.deepEqual(await axe(page, '.member'), [], 'the mall passes axe');

  // The clerk redeems it once.
  const clerk = await openPage(browser, 'phone', { locale: 'zh-CN' });
  await signInClerk(clerk.page);
  await clerk.page.getByLabel('奖品码').fill(shown);
  await clerk.page.getByRole('button', { name: '查询' }).click();
  await clerk.page.locator('.clerk-facts').getByText('婴儿湿巾').waitFor();
  await clerk.page.getByRole('button', { name: '确认核销' }).click();
  await clerk.page.getByRole('status').filter({ hasText: '核销成功。' }).waitFor();
  await clerk.page.getByRole('button', { name: '查询' }).click();
  await clerk.page.getByRole('alert').filter({ hasText: /核销过，不能再次核销/ }).waitFor();
  // Her page marks the code used.
  await page.reload();
  await mall.getByText(/已使用$/).waitFor();
  for (const p of [member, clerk]) await p.context.close();
});

test('where the till can scan, the camera reads the code and looks it up', async () => {
  // A fresh code, won on the wheel.
  const member = await openPage(browser, 'phone', { locale: 'zh-CN' });
  await member.page.goto(`${BASE_URL}/c/${slug}?t=${memberToken(`scanned-${run}`)}`);
  await member.page.getByText('已登录会员').waitFor();
  const code = await member.page.evaluate(async () => {
    const csrf = document.getElementById('member-bar').dataset.csrf;
    const r = await fetch(location.pathname.replace('/c/', '/api/published/') + '/campaigns/spring-wheel/draws', {
      method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID(), 'X-CSRF-Token': csrf },
    });
    return (await r.json()).draw.code;
  });
  await member.context.close();

  // Headless Chromium has neither a camera nor a QR detector: without them there is no button.
  const plain = await openPage(browser, 'phone', { locale: 'zh-CN' });
  await signInClerk(plain.page);
  await plain.page.getByLabel('奖品码').waitFor();
  assert.equal(await plain.page.getByRole('button', { name: '扫码' }).count(), 0);
  await plain.context.close();

  // A till that has both (a canvas stands in for the camera; the detector reads the code from
  // the second picture on, as a real one does once the code is in view).
  const { page, context } = await openPage(browser, 'phone', { locale: 'zh-CN' });
  await page.addInitScript((shown) => {
    navigator.mediaDevices.getUserMedia = async () => {
      const canvas = document.createElement('canvas');
      canvas.getContext('2d').fillRect(0, 0, 10, 10);
      window.cameraStream = canvas.captureStream();
      return window.cameraStream;
    };
    let looks = 0;
    window.BarcodeDetector = class {
      constructor(options) { window.detectorFormats = options.formats; }
      async detect() { looks += 1; return looks < 2 ? [] : [{ rawValue: shown }]; }
    };
  }, code);
  await signInClerk(page);
  await page.getByRole('button', { name: '扫码' }).click();
  await page.getByText('可以核销：请把奖品交给会员。').waitFor();
  assert.equal(await page.getByLabel('奖品码').inputValue(), code);
  assert.deepEqual(await page.evaluate(() => window.detectorFormats), ['qr_code']);
  assert.equal(await page.evaluate(() => window.cameraStream.getTracks().every((t) => t.readyState === 'ended')), true,
    'the camera is let go');
  await page.getByRole('button', { name: '扫码' }).waitFor();
  await context.close();
});
