// The campaign editor, as a marketer uses it: a wheel placed on a blank page comes with a
// campaign; prizes, weights, stock, value, cost, limits and window are set in the UI alone; the
// odds and the cost per 1,000 draws follow a weight as it is typed; a prize worth more than the
// legal cap is flagged; the page is published and members draw on it over HTTP with these odds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, launch, openPage, screenshot, login, createPage, waitSaved, memberToken, axe,
} from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** `at` as a datetime-local input holds it in China time (UTC+8), to the minute. */
function chinaLocal(at) {
  return new Date(at.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16);
}

/** Fills the `j`th prize card. */
async function fillPrize(page, j, { name, kind, amount, value, weight, stock }) {
  const card = page.locator('.prize').nth(j);
  await card.getByLabel('Prize name').fill(name);
  await card.getByLabel('Kind').selectOption(kind);
  if (amount !== undefined) await card.getByLabel('Points', { exact: true }).fill(String(amount));
  if (value !== undefined) await card.getByLabel('Value (¥)').fill(String(value));
  await card.getByLabel('Weight').fill(String(weight));
  await card.getByLabel('Stock').fill(stock === undefined ? '' : String(stock));
}

/** The economics table as `{prize: [chance, per 1,000, runs out]}`. */
async function outlook(page) {
  const rows = await page.locator('.outlook__table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  return Object.fromEntries(rows.map(([name, ...rest]) => [name, rest]));
}

test('a wheel campaign made in the UI alone, with its economics, drawn on with its odds', async () => {
  const { page, errors } = await openPage(browser, 'desktop');
  await login(page);
  await createPage(page, 'Campaign editor test', 'Blank page', 'zh-CN');
  await page.getByRole('button', { name: 'Add Wheel of fortune' }).click();
  await page.getByRole('tab', { name: 'Campaign' }).click();
  const editor = page.locator('.campaign-editor');
  await editor.waitFor();

  await editor.getByLabel('Campaign name').fill('春季宝宝转盘');
  const now = new Date();
  await editor.getByLabel('Starts').fill(chinaLocal(new Date(now.getTime() - 3600 * 1000)));
  await editor.getByLabel('Ends').fill(chinaLocal(new Date(now.getTime() + 7 * 86400 * 1000)));
  await editor.getByLabel('Points per draw').fill('0');
  await editor.getByLabel('Free draws per day').fill('10');
  await editor.getByLabel('Draws per member per day').fill('10');
  await editor.getByLabel('Wins per member').fill('');

  // Three prizes: remove the rest, then fill each.
  while (await page.locator('.prize').count() > 3) {
    await page.locator('.prize').last().getByRole('button', { name: /^Remove prize/ }).click();
  }
  await fillPrize(page, 0, { name: '婴儿推车', kind: 'physical', value: 1299, weight: 1, stock: 5 });
  await fillPrize(page, 1, { name: '10 积分', kind: 'points', amount: 10, weight: 49 });
  await fillPrize(page, 2, { name: '谢谢参与', kind: 'thanks', weight: 50 });
  await editor.getByLabel('Fallback prize').selectOption({ label: '谢谢参与' });
  await editor.getByLabel('Expected draws per day').fill('1000');

  // The odds and the economics, from the weights 1 : 49 : 50.
  const table = await outlook(page);
  assert.deepEqual(table['婴儿推车'].slice(0, 2), ['1.0%', '10']);
  assert.deepEqual(table['10 积分'], ['49.0%', '490', '—']);
  assert.deepEqual(table['谢谢参与'], ['50.0%', '500', '—']);
  // 10 prams a day: the 5 in stock are gone half a day after the start.
  assert.match(table['婴儿推车'][2], /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  assert.equal(await page.locator('[data-figure="points"]').textContent(), '4,900');
  assert.equal(await page.locator('[data-figure="yuan"]').textContent(), '¥12,990');
  assert.equal(await page.locator('.prize__chance').first().textContent(), 'Chance 1.0%');

  // A weight typed changes the odds and the cost at once.
  await page.locator('.prize').nth(1).getByLabel('Weight').fill('149');
  await page.locator('[data-figure="points"]').filter({ hasText: '7,450' }).waitFor();
  assert.equal(await page.locator('[data-figure="yuan"]').textContent(), '¥6,495');
  assert.deepEqual((await outlook(page))['10 积分'].slice(0, 2), ['74.5%', '745']);

  // A pram worth ¥60,000 is over the ¥50,000 cap on one prize; back to ¥1,299 it is not.
  const warning = page.locator('.outlook__warning');
  assert.equal(await warning.count(), 0);
  await page.locator('.prize').nth(0).getByLabel('Value (¥)').fill('60000');
  await warning.waitFor();
  assert.match(await warning.textContent(), /婴儿推车.*60000.*50000/);
  await screenshot(page, 'campaign-editor-warning');
  await page.locator('.prize').nth(0).getByLabel('Value (¥)').fill('1299');
  await warning.waitFor({ state: 'detached' });

  // A mistake shows on its field and names it; fixed, the page is clean again.
  await page.locator('.prize').nth(2).getByLabel('Stock').fill('3');
  await editor.locator('#campaign-fallback-err li').filter({ hasText: 'needs unlimited stock' }).waitFor();
  await page.locator('.prize').nth(2).getByLabel('Stock').blur();
  await page.locator('.prize').nth(2).getByLabel('Stock').fill('');
  await page.locator('.toolbar__errors').waitFor({ state: 'detached' });

  await page.locator('.outlook').scrollIntoViewIfNeeded();
  await screenshot(page, 'campaign-editor');
  assert.deepEqual(await axe(page, '.side'), [], 'the campaign tab passes axe');
  await waitSaved(page);

  // Undo takes back the last edit (the stock cleared), redo puts it back.
  const stock = page.locator('.prize').nth(2).getByLabel('Stock');
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.locator('#campaign-fallback-err li').waitFor();
  assert.equal(await stock.inputValue(), '3');
  await page.getByRole('button', { name: 'Redo' }).click();
  await page.locator('.toolbar__errors').waitFor({ state: 'detached' });
  assert.equal(await stock.inputValue(), '');
  await waitSaved(page);

  // Publish, then draw as members over HTTP.
  await page.getByRole('button', { name: 'Publish' }).click();
  const live = page.getByRole('status').filter({ hasText: 'Live: version 1.' });
  await live.waitFor();
  const slug = (await live.getByRole('link').getAttribute('href')).split('/').pop();
  const published = await (await fetch(`${BASE_URL}/api/published/${slug}`)).json();
  const doc = published.document ?? published;
  assert.equal(doc.campaigns.length, 1);
  const campaign = doc.campaigns[0];
  assert.equal(campaign.name, '春季宝宝转盘');
  assert.deepEqual(campaign.prizes.map((p) => [p.name, p.weight, p.stock]),
    [['婴儿推车', 1, { limited: 5 }], ['10 积分', 149, 'unlimited'], ['谢谢参与', 50, 'unlimited']]);
  assert.deepEqual(campaign.prizes[0].kind, { type: 'physical', value_cents: 129900 });
  const base = `${BASE_URL}/api/published/${slug}/campaigns/${campaign.id}`;
  const odds = await (await fetch(`${base}/odds`)).json();
  assert.deepEqual(JSON.stringify(odds).match(/0\.745/g)?.length, 1, JSON.stringify(odds));

  const members = 30;
  const perMember = 10;
  const counts = {};
  await Promise.all(Array.from({ length: members }, async (_, m) => {
    const token = memberToken(`wheel-${m}-${Math.random()}`);
    const res = await fetch(`${BASE_URL}/api/member/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, slug }),
    });
    assert.equal(res.status, 200);
    const cookie = res.headers.get('set-cookie').split(';')[0];
    const { csrf } = await res.json();
    for (let i = 0; i < perMember; i += 1) {
      const draw = await fetch(`${base}/draws`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrf, 'idempotency-key': `k-${m}-${i}`, 'content-type': 'application/json' },
        body: '{}',
      });
      const body = await draw.json();
      assert.equal(draw.status, 201, JSON.stringify(body));
      counts[body.draw.prize_id] = (counts[body.draw.prize_id] ?? 0) + 1;
    }
    // The daily limit set in the UI holds.
    const more = await fetch(`${base}/draws`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'idempotency-key': `k-${m}-more`, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(more.status, 409);
    assert.equal((await more.json()).error.code, 'daily_limit');
  }));
  const n = members * perMember;
  const [pram, points, thanks] = campaign.prizes.map((p) => counts[p.id] ?? 0);
  assert.equal(pram + points + thanks, n);
  assert.ok(pram <= 5, `stock of 5 prams, ${pram} issued`);
  // 74.5 % points: within 3.3 standard deviations (p = 0.001) of the configured odds.
  const sd = Math.sqrt(n * 0.745 * 0.255);
  assert.ok(Math.abs(points - n * 0.745) < 3.3 * sd, `${points} of ${n} drew points`);

  // The same tab in the builder's first language.
  await page.evaluate(() => localStorage.setItem('cradle.lang', 'zh-CN'));
  await page.reload();
  await page.locator('.canvas [data-id^="wheel-"]').first().click();
  await page.getByRole('tab', { name: '活动' }).click();
  await page.getByText('每千次抽奖奖品成本').first().waitFor();
  await page.locator('.outlook').scrollIntoViewIfNeeded();
  await screenshot(page, 'campaign-editor-zh');
  assert.deepEqual(errors, []);
});

test('sign-in and quiz rewards are set on their own tab, with what members earn under the daily cap', async () => {
  const { page, errors } = await openPage(browser, 'desktop');
  await login(page);
  await createPage(page, 'Rewards tab test', 'Blank page', 'zh-CN');
  await page.getByRole('button', { name: 'Add Sign-in calendar' }).click();
  await page.getByRole('tab', { name: 'Rewards' }).click();
  const tab = page.getByRole('tabpanel');
  // The reward fields moved here from the content tab.
  await tab.getByLabel('Points per sign-in').fill('8');
  await tab.getByLabel('Streak bonus points').fill('1000');
  const days = tab.locator('.rewards__days li');
  await days.first().filter({ hasText: 'Day 1: 8 pts' }).waitFor();
  assert.equal(await days.count(), 7);
  // Day 7 pays 8 + 1,000 but the club's daily cap holds it down.
  const seventh = days.nth(6);
  assert.match(await seventh.textContent(), /above the daily cap/);
  const cap = Number((await seventh.textContent()).match(/Day 7: ([\d,]+) pts/)[1].replace(/,/g, ''));
  assert.ok(cap < 1008, `the seventh day is capped (${cap})`);
  await tab.locator('.rewards__total').first().filter({ hasText: /^A full calendar \(7 days\): up to/ }).waitFor();
  await screenshot(page, 'rewards-tab', { fullPage: false });
  await page.getByRole('tab', { name: 'Content' }).click();
  assert.equal(await page.getByRole('tabpanel').getByLabel('Points per sign-in').count(), 0);
  await page.getByRole('button', { name: 'Add Quiz' }).click();
  await page.getByRole('tab', { name: 'Rewards' }).click();
  await page.getByRole('tabpanel').getByLabel('Points for all correct').fill('30');
  await page.getByRole('tabpanel').locator('.rewards__total').first()
    .filter({ hasText: 'All answers right: 30 pts per member' }).waitFor();
  assert.deepEqual(await axe(page, '.side'), [], 'the rewards tab passes axe');
  assert.deepEqual(errors, []);
});
