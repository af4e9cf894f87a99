// Measures the editor as a user acts (see bench/editor): trusted keyboard and mouse input from
// Playwright (CDP Input.dispatch*) on block b250 of a 500-block page, timed in the page from the
// input event's own timestamp to the moment b250's text or position is right in the DOM, then to
// the next painted frame. The plain-DOM floor (bench/floor.html: same markup, same stylesheet,
// hand-written DOM updates) runs in the same browser with the same probe, interleaved in batches
// with Cradle so that noise from other work on the machine hits both. Prints figures only.
//
// Environment: BASE_URL (server, serving the release build and bench/floor.html at
// /bench-floor.html), DIST (for the transfer size), RUNS (per action and page, default 50),
// LOADS (default 6), THROTTLE (CPU slowdown through CDP Emulation.setCPUThrottlingRate,
// default 1; "1,4" runs both), GAP_MS (pause between actions, default 120), SHOTS (a folder for
// screenshots of both pages).
import { chromium } from 'playwright-core';
import { statSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const BASE = process.env.BASE_URL;
const BLOCKS = 500;
const TARGET = 'b250';
const RUNS = Number(process.env.RUNS ?? 50);
const LOADS = Number(process.env.LOADS ?? 6);
const BATCH = 5; // runs on one page before switching to the other
const WARMUP = 2; // uncounted runs per action and page
const GAP = Number(process.env.GAP_MS ?? 120);
const THROTTLES = String(process.env.THROTTLE ?? '1').split(',').map(Number);
const SHOTS = process.env.SHOTS;

async function api(method, p, body, session) {
  const headers = { 'content-type': 'application/json' };
  if (session) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
  const res = await fetch(BASE + p, { method, headers, body: body && JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return { json: res.status === 204 ? null : await res.json(), cookie: res.headers.get('set-cookie') };
}

// The probe, installed in both pages before their own scripts. `arm` starts watching for one
// action: the first trusted `on` event (capture phase on window, so before any handler of the
// page) gives the start; a MutationObserver on the canvas notices when the wanted state holds;
// the next frame's rAF plus one task after it is the painted frame.
function probe(lastId) {
  const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve(performance.now());
    ch.port2.postMessage(null);
  }));
  const block = (id) => document.querySelector(`.canvas [data-id="${id}"]`);
  const holds = (w) => {
    const el = block(w.id);
    if (!el) return false;
    if (w.text !== undefined) return el.querySelector('.cradle-h')?.textContent === w.text;
    return el.previousElementSibling?.getAttribute('data-id') === w.after;
  };
  // Load: from navigation start (performance.timeOrigin) to the last block in the DOM, then painted.
  const loaded = new Promise((resolve) => {
    const obs = new MutationObserver(() => {
      if (!block(lastId)) return;
      obs.disconnect();
      const dom = performance.now();
      nextPaint().then((paint) => resolve({ dom, paint }));
    });
    obs.observe(document, { childList: true, subtree: true });
  });
  let current = Promise.resolve({ failure: 'not armed' });
  window.__bench = {
    loaded,
    arm(w) {
      if (holds(w)) {
        current = Promise.resolve({ failure: 'already in the wanted state' });
        return;
      }
      let start = NaN;
      let done = false;
      let resolve;
      current = new Promise((r) => { resolve = r; });
      const onStart = (e) => { if (e.isTrusted && Number.isNaN(start)) start = e.timeStamp; };
      const obs = new MutationObserver(() => { if (!Number.isNaN(start) && holds(w)) finish(); });
      const timer = setTimeout(() => finish(Number.isNaN(start) ? `no ${w.on} event` : 'wrong state at timeout'), w.timeout);
      const finish = (failure) => {
        if (done) return;
        done = true;
        const dom = performance.now();
        clearTimeout(timer);
        obs.disconnect();
        window.removeEventListener(w.on, onStart, true);
        if (failure) return resolve({ failure });
        nextPaint().then((paint) => resolve({ dom: dom - start, paint: paint - start }));
      };
      window.addEventListener(w.on, onStart, true);
      obs.observe(document.querySelector('.canvas'), { subtree: true, childList: true, characterData: true });
    },
    result: () => current,
  };
}

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

// What the editor downloads (wasm, js, css) as the server sends it (the .br and .gz the build
// leaves beside each file), from the browser's resource timing of one load: what the page itself
// asks for (its stylesheets, script and preloaded wasm: all the first paint waits for), and the
// chunks the running app fetches (`fetch`) as its panels mount, which the canvas does not wait for.
async function transfer(page) {
  const dist = process.env.DIST;
  if (!dist) return null;
  await page.waitForTimeout(3000); // the chunks, fetched beside the first paint
  const entries = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => ({ path: new URL(e.name).pathname, by: e.initiatorType })));
  const part = () => ({ br: 0, gz: 0, raw: 0, files: [] });
  const sizes = { page: part(), chunks: part() };
  for (const { path: urlPath, by } of entries) {
    if (!/\.(wasm|js|css)$/.test(urlPath)) continue;
    const file = path.join(dist, decodeURIComponent(urlPath));
    const into = by === 'fetch' ? sizes.chunks : sizes.page;
    into.raw += statSync(file).size;
    into.br += statSync(`${file}.br`).size;
    into.gz += statSync(`${file}.gz`).size;
    into.files.push(path.basename(urlPath));
  }
  return sizes;
}

// A page of 500 blocks: headings, text, notice bars, spacers and coupon lists (b250 is a heading).
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
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const version = browser.version();

async function open(name, url, throttle) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  if (name === 'Cradle') {
    await context.addCookies([{ name: 'cradle_session', value: session.cookie.split('=')[1], url: BASE }]);
  }
  await context.addInitScript(probe, `b${BLOCKS - 1}`);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  return { name, url, page, context, errors, cdp, throttle };
}

const timeout = (throttle) => 5000 * throttle;

// One load: navigation start to the 500th block in the DOM and painted.
async function load(p) {
  await p.page.goto(p.url, { waitUntil: 'commit' });
  // The emulation should survive the navigation; set it again in case the renderer changed.
  await p.cdp.send('Emulation.setCPUThrottlingRate', { rate: p.throttle });
  return p.page.evaluate((ms) => Promise.race([
    window.__bench.loaded,
    new Promise((r) => setTimeout(() => r({ failure: 'timeout' }), ms)),
  ]), 60000 * p.throttle);
}

// One measured action: arm the probe, act with trusted input, collect.
async function once(p, want, act) {
  await p.page.evaluate((w) => window.__bench.arm(w), { ...want, timeout: timeout(p.throttle) });
  try {
    await act(p.page);
  } catch (e) {
    return { failure: `input: ${e.message.split('\n')[0]}` };
  }
  const r = await p.page.evaluate(() => window.__bench.result());
  await p.page.waitForTimeout(GAP);
  return r;
}

const box = (page, id) => page.evaluate((id) => {
  const r = document.querySelector(`.canvas [data-id="${id}"]`).getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}, id);

// Where b250 is now: the id of the block before it, and the inspector field's value.
const state = (page) => page.evaluate((id) => ({
  prev: document.querySelector(`.canvas [data-id="${id}"]`)?.previousElementSibling?.getAttribute('data-id'),
  value: document.getElementById(`f-${id}-text`)?.value,
}), TARGET);

// The actions. `run` looks at the page's state and returns what the DOM must show next and the
// trusted input that should get it there, so a failed run cannot desynchronise the next ones.
const actions = {
  // A keystroke in the inspector's Text field of the selected heading: type "x", then Backspace.
  keystroke: {
    label: 'keystroke in the inspector',
    async setup(p) {
      await p.page.locator(`.canvas [data-id="${TARGET}"]`).click();
      const field = p.page.locator(`#f-${TARGET}-text`);
      await field.focus();
      await p.page.keyboard.press('End');
      p.base = (await field.inputValue()).replace(/x$/, '');
    },
    run: (p, s) => (s.value.endsWith('x')
      ? [{ on: 'keydown', id: TARGET, text: p.base }, (page) => page.keyboard.press('Backspace')]
      : [{ on: 'keydown', id: TARGET, text: `${p.base}x` }, (page) => page.keyboard.press('x')]),
  },
  // Alt+↓ then Alt+↑ on the selected block (focus on the block, not in a field).
  keymove: {
    label: 'keyboard move (Alt+↓/↑)',
    async setup(p) {
      await p.page.locator(`.canvas [data-id="${TARGET}"]`).click();
    },
    run: (p, s) => (s.prev === 'b249'
      ? [{ on: 'keydown', id: TARGET, after: 'b251' }, (page) => page.keyboard.press('Alt+ArrowDown')]
      : [{ on: 'keydown', id: TARGET, after: 'b249' }, (page) => page.keyboard.press('Alt+ArrowUp')]),
  },
  // Drag b250 with the mouse into the lower half of b252 (it lands after b252), then back into
  // the upper half of b251 (it lands before b251, after b249). Timed from the pointerup.
  drag: {
    label: 'drag-drop move (mouse)',
    async setup(p) {
      await p.page.evaluate((id) => document.querySelector(`.canvas [data-id="${id}"]`).scrollIntoView({ block: 'center' }), TARGET);
    },
    run: (p, s) => {
      const down = s.prev === 'b249';
      return [
        { on: 'pointerup', id: TARGET, after: down ? 'b252' : 'b249' },
        async (page) => {
          const a = await box(page, TARGET);
          const b = await box(page, down ? 'b252' : 'b251');
          const y = down ? b.y + b.height - Math.min(6, b.height / 4) : b.y + Math.min(6, b.height / 4);
          await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
          await page.mouse.down();
          await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 4 });
          await page.mouse.move(b.x + b.width / 2, y, { steps: 12 });
          await page.mouse.up();
        },
      ];
    },
  },
};

async function measureAction(pages, key) {
  const action = actions[key];
  const out = Object.fromEntries(pages.map((p) => [p.name, { dom: [], paint: [], failures: [] }]));
  const step = async (p) => {
    const [want, act] = action.run(p, await state(p.page));
    return once(p, want, act);
  };
  for (const p of pages) {
    await p.page.bringToFront();
    await action.setup(p);
    for (let w = 0; w < WARMUP; w++) await step(p);
  }
  for (let round = 0; round * BATCH < RUNS; round++) {
    const order = round % 2 ? [...pages].reverse() : pages;
    for (const p of order) {
      await p.page.bringToFront();
      for (let k = 0; k < BATCH && round * BATCH + k < RUNS; k++) {
        const r = await step(p);
        const o = out[p.name];
        if (r.failure) o.failures.push(r.failure);
        else { o.dom.push(r.dom); o.paint.push(r.paint); }
      }
    }
  }
  return out;
}

const fmt = (x) => (Number.isNaN(x) ? '   -  ' : x >= 1000 ? `${(x / 1000).toFixed(2)} s`.padStart(6) : x.toFixed(x >= 100 ? 0 : 1).padStart(6));
const pair = (xs) => `${fmt(pct(xs, 50))} /${fmt(pct(xs, 95))}`;

async function bench(throttle) {
  const floor = await open('floor', `${BASE}/bench-floor.html`, throttle);
  const cradle = await open('Cradle', `${BASE}/edit/${created.id}`, throttle);
  const pages = [floor, cradle];
  const loads = { floor: [], Cradle: [] };
  const loadFails = { floor: 0, Cradle: 0 };
  for (let i = -1; i < LOADS; i++) { // the first, uncounted, fills the HTTP cache
    for (const p of i % 2 ? [...pages].reverse() : pages) {
      const r = await load(p);
      if (i < 0 && p === cradle && !r.failure && !sized) {
        sized = true;
        const size = await transfer(p.page);
        const kb = (part) => `${(part.br / 1024).toFixed(0)} KB brotli, ${(part.gz / 1024).toFixed(0)} KB gzip (${(part.raw / 1024).toFixed(0)} KB raw: ${part.files.join(', ')})`;
        if (size) console.log(`transfer (wasm + js + css) as sent: the page's ${kb(size.page)}; chunks the app fetches itself, which the canvas does not wait for, ${kb(size.chunks)}`);
      }
      if (i < 0) continue;
      if (r.failure) loadFails[p.name] += 1;
      else loads[p.name].push(r.paint);
    }
  }
  const results = {};
  for (const key of Object.keys(actions)) {
    results[key] = await measureAction(pages, key);
    if (SHOTS && key === 'keystroke') {
      mkdirSync(SHOTS, { recursive: true });
      for (const p of pages) await p.page.screenshot({ path: path.join(SHOTS, `${p.name}-${throttle}x.png`) });
    }
  }

  const w = 30;
  console.log(`\nCPU ${throttle}x${throttle > 1 ? ' (CDP Emulation.setCPUThrottlingRate)' : ''}: ${RUNS} runs per action and page after ${WARMUP} warm-ups, batches of ${BATCH} alternating floor/Cradle, ${GAP} ms between actions; ms from the input event`);
  console.log(`${'action'.padEnd(w)} | floor DOM p50/p95  painted p50/p95 | Cradle DOM p50/p95  painted p50/p95 | ratio p95 painted | failed floor/Cradle`);
  console.log(`${'-'.repeat(w)}-|-----------------------------------|------------------------------------|-------------------|--------------------`);
  for (const [key, action] of Object.entries(actions)) {
    const f = results[key].floor;
    const c = results[key].Cradle;
    const ratio = pct(c.paint, 95) / pct(f.paint, 95);
    console.log(`${action.label.padEnd(w)} | ${pair(f.dom)}  ${pair(f.paint)} | ${pair(c.dom)}   ${pair(c.paint)} | ${ratio.toFixed(1).padStart(16)}x | ${f.failures.length}/${c.failures.length} of ${RUNS}`);
  }
  const lf = pct(loads.floor, 50);
  const lc = pct(loads.Cradle, 50);
  console.log(`${'load, 500 blocks painted'.padEnd(w)} | p50 ${fmt(lf)}, max ${fmt(Math.max(...loads.floor))}           | p50 ${fmt(lc)}, max ${fmt(Math.max(...loads.Cradle))}            | ${(lc / lf).toFixed(1).padStart(16)}x | ${loadFails.floor}/${loadFails.Cradle} of ${LOADS} (from navigation start)`);
  for (const p of pages) {
    const fails = Object.entries(results).flatMap(([k, r]) => r[p.name].failures.map((f) => `${k}: ${f}`));
    const counts = {};
    for (const f of fails) counts[f] = (counts[f] ?? 0) + 1;
    for (const [f, n] of Object.entries(counts)) console.log(`  ${p.name} failed ${n}x: ${f}`);
    for (const e of p.errors.slice(0, 3)) console.log(`  ${p.name} page error: ${e}`);
  }
  await floor.context.close();
  await cradle.context.close();
}

let sized = false;
console.log(`editor bench: ${BLOCKS}-block page, block ${TARGET}, Chromium ${version}, ${(await import('node:os')).cpus().length} cores, load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (const t of THROTTLES) await bench(t);
await browser.close();
