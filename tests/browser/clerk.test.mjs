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
  await page.goto(`${BASE_URL}/clerk`);
  await page.getByLabel('邮箱').fill(CLERK.email);
  await page.getByLabel('密码').fill(CLERK.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
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
