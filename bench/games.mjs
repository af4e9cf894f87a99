// bench/games' measuring half. Each play runs on a new member's phone (390×844, DPR 3,
// touch) with the CPU throttled 4x; a requestAnimationFrame loop in the page records the time
// between frames from the tap to the result dialog. The floor is the same loop on an empty page
// under the same throttling.
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { transfer } from './transfer.mjs';

const BASE = process.env.BASE_URL;
const RUNS = Number(process.env.RUNS ?? 5);
const CHROME = process.env.CHROMIUM ?? '/usr/bin/chromium';
const THROTTLE = 4;
const SERVER = process.env.SERVER_BIN;

async function api(method, path, body, session) {
  const headers = { 'content-type': 'application/json' };
  if (session) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
  const send = () => fetch(BASE + path, { method, headers, body: body && JSON.stringify(body) });
  // The server closes connections idle for 10 s; a pooled one can close as it is reused.
  const res = await send().catch(send);
  const json = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return { json, cookie: res.headers.get('set-cookie') };
}

async function publish(template) {
  const login = await api('POST', '/api/auth/login', { email: 'bench@cradle.test', password: 'bench-password-1' });
  const session = { cookie: login.cookie.split(';')[0], csrf: login.json.csrf_token };
  const slug = `bench-${template}`;
  const draft = (await api('POST', '/api/documents', { title: template, slug, template }, session)).json;
  await api('POST', `/api/documents/${draft.id}/publish`, { version: draft.version }, session);
  return slug;
}

/** Records frame intervals in the page until `stop()` resolves; returns them (ms). */
async function frames(page, stop) {
  await page.evaluate(() => {
    window.benchFrames = [];
    let last = performance.now();
    const tick = (t) => { window.benchFrames.push(t - last); last = t; if (!window.benchStop) requestAnimationFrame(tick); };
    window.benchStop = false;
    requestAnimationFrame(tick);
  });
  await stop();
  return page.evaluate(() => { window.benchStop = true; return window.benchFrames.slice(1); });
}

let members = 0;
/** A new member's phone on `url`, signed in with a token the brand's system would sign. */
async function phone(browser, url) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3, locale: 'zh-CN' });
  const page = await context.newPage();
  members += 1;
  const token = execFileSync(SERVER, ['member', 'token', '--workspace', 'Bench', '--member', `bench-${members}`]).toString().trim();
  await page.goto(`${url}?t=${token}`);
  await page.locator('.cradle-game[data-play] .cradle-game__note').filter({ hasText: /次|积分/ }).waitFor();
  // As a member would: the page has settled before she taps.
  await page.waitForTimeout(2500);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  return { context, page };
}

async function spin(browser, url) {
  const { context, page } = await phone(browser, url);
  const times = await frames(page, async () => {
    await page.locator('.cradle-game[data-play] .cradle-game__start').tap();
    await page.getByRole('dialog').waitFor({ timeout: 20000 });
  });
  await context.close();
  return times;
}

/** A finger-like zigzag over `box`, row by row, with the mouse (trusted CDP input). */
async function strokes(page, box) {
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.mouse.down();
  for (let y = 8; y < box.height; y += 18) {
    await page.mouse.move(box.x + box.width - 5, box.y + y, { steps: 6 });
    await page.mouse.move(box.x + 5, box.y + y + 9, { steps: 6 });
  }
  await page.mouse.up();
}

async function scratch(browser, url) {
  const { context, page } = await phone(browser, url);
  await page.locator('.cradle-game[data-play] .cradle-scratch__foil button').tap();
  const cover = page.locator('.cradle-game[data-play] .cradle-scratch__cover');
  await cover.waitFor();
  const box = await cover.boundingBox();
  const times = await frames(page, async () => {
    await strokes(page, box);
    await page.getByRole('dialog').waitFor({ timeout: 20000 });
  });
  await context.close();
  return times;
}

async function floor(browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
  const page = await context.newPage();
  await page.setContent('<!doctype html><title>floor</title><p>floor</p>');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  const idle = await frames(page, () => page.waitForTimeout(3000));
  // The same strokes over a plain element: what the input itself costs the page.
  await page.setContent('<!doctype html><title>floor</title><div style="margin:200px 16px;height:140px;background:#ccc"></div>');
  const box = await page.locator('div').boundingBox();
  const stroked = await frames(page, () => strokes(page, box));
  await context.close();
  return { idle, stroked };
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))]; };
const row = (name, xs, base) => console.log([
  name, xs.length, `${pct(xs, 0.5).toFixed(1)} ms`, `${pct(xs, 0.95).toFixed(1)} ms`, `${Math.max(...xs).toFixed(1)} ms`,
  xs.filter((x) => x > 32).length, base ? `${(pct(xs, 0.95) / pct(base, 0.95)).toFixed(2)}x` : '-',
].join(' | '));

const browser = await chromium.launch({ executablePath: CHROME, args: ['--headless', '--no-sandbox'] });
const wheelSlug = await publish('wheel-campaign');
const scratchSlug = await publish('scratch-card');
const base = await floor(browser);
const spins = []; const scratches = [];
for (let i = 0; i < RUNS; i++) {
  spins.push(...await spin(browser, `${BASE}/c/${wheelSlug}`));
  scratches.push(...await scratch(browser, `${BASE}/c/${scratchSlug}`));
}
await browser.close();
console.log(`frames at ${THROTTLE}x CPU throttling, ${RUNS} plays each (target: no frame over 32 ms)`);
console.log('what | frames | p50 | p95 | max | frames > 32 ms | p95 / floor p95');
row('floor: empty page', base.idle);
row('wheel spin, tap to result', spins, base.idle);
row('floor: the same strokes on a plain element', base.stroked);
row('scratch, first stroke to result', scratches, base.stroked);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('page | HTML | CSS | JS | wasm | total (budget 150 KB)');
for (const slug of [wheelSlug, scratchSlug]) {
  const b = await transfer(`${BASE}/c/${slug}`);
  console.log([slug, kb(b.document), kb(b.css), kb(b.js), kb(b.wasm), kb(b.document + b.css + b.js + b.wasm + b.other)].join(' | '));
}
