// A member opening a page outside its schedule, on a phone in Chinese: before it opens the page
// says so with the local opening time and a ticking countdown; after it closes it says when.
// The instants come from the server's one schedule rule (403 not_started / 410 ended).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot, BASE_URL, USER } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function api(method, path, body, session) {
  const headers = { 'content-type': 'application/json' };
  if (session) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
  const res = await fetch(BASE_URL + path, { method, headers, body: body && JSON.stringify(body) });
  const json = res.status === 204 ? null : await res.json();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return { json, cookie: res.headers.get('set-cookie') };
}

/** Publishes a blank page at a fresh address with `schedule`; returns its address. */
async function publishScheduled(schedule) {
  const login = await api('POST', '/api/auth/login', USER);
  const session = { cookie: login.cookie.split(';')[0], csrf: login.json.csrf_token };
  const slug = `sched-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}`;
  const draft = (await api('POST', '/api/documents', { title: '定时活动', slug, template: 'blank' }, session)).json;
  await api('POST', `/api/documents/${draft.id}/publish`, { version: draft.version, ...schedule }, session);
  return `/c/${slug}`;
}

test('a page that opens later says when, with a countdown; a closed page says it has ended', async () => {
  const opens = new Date(Date.now() + 2 * 3600e3 + 5 * 60e3);
  const later = await publishScheduled({ starts_at: opens.toISOString() });
  const closed = await publishScheduled({
    starts_at: new Date(Date.now() - 7200e3).toISOString(),
    ends_at: new Date(Date.now() - 60e3).toISOString(),
  });

  const { context, page } = await openPage(browser, 'phone', { locale: 'zh-CN' });
  await page.goto(BASE_URL + later);
  await page.getByRole('heading', { name: '活动尚未开始' }).waitFor();
  const timer = page.getByRole('timer');
  const first = await timer.innerText();
  assert.match(first, /^0?2:0[45]:\d\d$/);
  await page.getByText('距开始还有').waitFor();
  await page.waitForTimeout(1500);
  assert.notEqual(await timer.innerText(), first, 'the countdown ticks');
  await screenshot(page, 'member-not-started-phone');

  await page.goto(BASE_URL + closed);
  await page.getByRole('heading', { name: '活动已结束' }).waitFor();
  await page.getByText(/结束时间/).waitFor();
  await context.close();
});
