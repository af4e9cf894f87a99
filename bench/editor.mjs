// Measures the editor on a 500-block page (see bench/editor). Prints figures only.
import { chromium } from 'playwright-core';

const BASE = process.env.BASE_URL;
const BLOCKS = 500;
const RUNS = 60;

async function api(method, path, body, session) {
  const headers = { 'content-type': 'application/json' };
  if (session) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
  const res = await fetch(BASE + path, { method, headers, body: body && JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return { json: res.status === 204 ? null : await res.json(), cookie: res.headers.get('set-cookie') };
}

// A page of 500 blocks: headings, text, notice bars, spacers and coupon lists.
const login = await api('POST', '/api/auth/login', { email: 'bench@cradle.test', password: 'bench-password-1' });
const session = { cookie: login.cookie.split(';')[0], csrf: login.json.csrf_token };
const created = (await api('POST', '/api/documents', { title: 'Bench 500', template: 'blank' }, session)).json;
const doc = created.document;
const kinds = ['heading', 'rich_text', 'notice_bar', 'spacer', 'coupon_list'];
const ids = [];
for (let i = 0; i < BLOCKS; i++) {
  const id = `b${i}`;
  ids.push(id);
  doc.blocks[id] = { id, kind: kinds[i % kinds.length] };
}
doc.blocks.page.slots = { main: ids };
await api('PUT', `/api/documents/${created.id}`, { version: created.version, document: doc }, session);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
await context.addCookies([{ name: 'cradle_session', value: session.cookie.split('=')[1], url: BASE }]);
const page = await context.newPage();

const t0 = Date.now();
await page.goto(`${BASE}/edit/${created.id}`);
await page.locator(`.canvas [data-id="b${BLOCKS - 1}"]`).waitFor({ timeout: 60000 });
const load = Date.now() - t0;

// Runs `action` in the page RUNS times; each returns [ms to DOM change, ms to painted frame].
const measure = (name, setup) => page.evaluate(async ({ runs, setup }) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const act = new Function('i', setup);
  const dom = [];
  const paint = [];
  for (let i = 0; i < runs; i++) {
    const canvas = document.querySelector('.canvas');
    const changed = new Promise((resolve) => {
      const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now()); });
      obs.observe(canvas, { subtree: true, childList: true, characterData: true, attributes: true });
      setTimeout(() => { obs.disconnect(); resolve(NaN); }, 3000);
    });
    const start = performance.now();
    act(i);
    const at = await changed;
    await frame();
    dom.push(at - start);
    paint.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { dom, paint };
}, { runs: RUNS, setup });

// Inspector keystroke: select block b0 (a heading) and type into its Text field.
await page.locator('.canvas [data-id="b0"]').click();
const typing = await measure('keystroke', `
  const input = document.getElementById('f-b0-text');
  input.value = 'Heading ' + i;
  input.dispatchEvent(new Event('input', { bubbles: true }));
`);

// Keyboard move: Alt+↓ / Alt+↑ on the selected block in the middle of the page.
await page.locator('.canvas [data-id="b250"]').click();
const moving = await measure('move', `
  window.dispatchEvent(new KeyboardEvent('keydown', { key: i % 2 ? 'ArrowUp' : 'ArrowDown', altKey: true, bubbles: true }));
`);

// Drag-and-drop commit: the pointer is already over the target; time from pointerup to the DOM.
const dropping = await page.evaluate(async ({ runs }) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const dom = [];
  const paint = [];
  let moved = 0;
  for (let i = 0; i < runs; i++) {
    // b10 moves down before b13, then back up before b11: every drop changes the order.
    const src = document.querySelector('.canvas [data-id="b10"]');
    const dst = document.querySelector(`.canvas [data-id="${i % 2 ? 'b11' : 'b13'}"]`);
    src.scrollIntoView({ block: 'center' });
    const a = src.getBoundingClientRect();
    const b = dst.getBoundingClientRect();
    const ev = (type, x, y, target) => target.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, button: 0, pointerId: 1, isPrimary: true }));
    ev('pointerdown', a.x + 10, a.y + 4, src);
    ev('pointermove', a.x + 30, a.y + 30, window);
    ev('pointermove', b.x + 10, b.y + 2, window);
    await frame();
    const canvas = document.querySelector('.canvas');
    const changed = new Promise((resolve) => {
      const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now()); });
      obs.observe(canvas, { subtree: true, childList: true });
      setTimeout(() => { obs.disconnect(); resolve(NaN); }, 3000);
    });
    const start = performance.now();
    ev('pointerup', b.x + 10, b.y + 2, window);
    const at = await changed;
    await frame();
    dom.push(at - start);
    paint.push(performance.now() - start);
    const order = [...src.parentElement.children].map((c) => c.dataset.id);
    if (order.indexOf('b10') === order.indexOf(i % 2 ? 'b11' : 'b13') - 1) moved += 1;
  }
  return { dom, paint, moved };
}, { runs: RUNS });

await browser.close();

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const row = (name, raw, target) => {
  const ok = (xs) => xs.filter((x) => !Number.isNaN(x));
  const m = { dom: ok(raw.dom), paint: raw.paint.filter((_, i) => !Number.isNaN(raw.dom[i])) };
  const missed = raw.dom.length - m.dom.length;
  if (m.dom.length === 0) return console.log(`${name.padEnd(28)} no DOM change in ${raw.dom.length} runs`);
  console.log(
  `${name.padEnd(28)} DOM p50 ${pct(m.dom, 50).toFixed(1).padStart(6)} ms  p95 ${pct(m.dom, 95).toFixed(1).padStart(6)} ms   painted p50 ${pct(m.paint, 50).toFixed(1).padStart(6)} ms  p95 ${pct(m.paint, 95).toFixed(1).padStart(6)} ms   ${target}${missed ? `  (${missed} runs changed nothing)` : ''}`);
};
console.log(`editor on a ${BLOCKS}-block page, ${RUNS} runs each (target: DOM change ≤ 16 ms p95)`);
row('keystroke in inspector', typing, '(to beat, painted p95: Puck 74 ms, bare Leptos 23 ms, plain DOM 20-23 ms)');
row('block move (keyboard)', moving, '(to beat, painted p95: Puck 9,100 ms, bare Leptos 18 ms, plain DOM 6-8 ms)');
row('block move (drag-drop commit)', dropping, `(${dropping.moved} of ${RUNS} drops moved the block)`);
console.log(`load to last block drawn      ${(load / 1000).toFixed(2)} s   (Puck 17 s, bare Leptos 0.24 s, plain DOM 0.1 s)`);
