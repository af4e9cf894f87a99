// bench/member-page's measuring half: publishes each template as a page, then measures what a phone
// receives (Chromium's encoded byte counts per response, at 390×844) and Lighthouse's mobile
// scores (median of RUNS runs by performance score).
import { execFileSync } from 'node:child_process';
import { transfer } from './transfer.mjs';

const BASE = process.env.BASE_URL;
const TEMPLATES = (process.env.TEMPLATES ?? 'club-home stage-guide double-11-lottery').split(/\s+/).filter(Boolean);
const RUNS = Number(process.env.RUNS ?? 3);
const CHROME = process.env.CHROMIUM ?? '/usr/bin/chromium';

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
  const draft = (await api('POST', '/api/documents', { title: template, slug: `bench-${template}`, template }, session)).json;
  await api('POST', `/api/documents/${draft.id}/publish`, { version: draft.version }, session);
  return `${BASE}/c/bench-${template}`;
}

function lighthouse(url) {
  const out = execFileSync('lighthouse', [
    url, `--chrome-path=${CHROME}`, '--chrome-flags=--headless=new --no-sandbox',
    '--only-categories=performance,accessibility,best-practices', '--output=json', '--quiet', '--locale=en',
  ], { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CHROME_PATH: CHROME } }).toString();
  const r = JSON.parse(out);
  const score = (c) => Math.round(r.categories[c].score * 100);
  const failed = ['accessibility', 'best-practices'].flatMap((c) => r.categories[c].auditRefs
    .filter((a) => a.weight > 0 && r.audits[a.id].score !== null && r.audits[a.id].score < 1)
    .map((a) => `${c}:${a.id}`));
  return {
    performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'),
    lcp: r.audits['largest-contentful-paint'].numericValue, fcp: r.audits['first-contentful-paint'].numericValue,
    cls: r.audits['cumulative-layout-shift'].numericValue, tbt: r.audits['total-blocking-time'].numericValue,
    failed,
  };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('page | HTML | CSS | JS | wasm | total (budget 150 KB) | images | perf | a11y | best pr. | LCP | CLS | TBT');
for (const template of TEMPLATES) {
  const url = await publish(template);
  const b = await transfer(url);
  const total = b.document + b.css + b.js + b.wasm + b.other;
  const runs = Array.from({ length: RUNS }, () => lighthouse(url)).sort((x, y) => x.performance - y.performance);
  const m = runs[Math.floor(runs.length / 2)];
  console.log([
    template, kb(b.document), kb(b.css), kb(b.js), kb(b.wasm), kb(total), kb(b.image),
    m.performance, m.accessibility, m.bestPractices,
    `${Math.round(m.lcp)} ms`, m.cls.toFixed(3), `${Math.round(m.tbt)} ms`,
  ].join(' | '));
  if (m.failed.length) console.log(`  ${template}: audits not passed: ${m.failed.join(', ')}`);
  console.log(`  ${template}: performance of ${RUNS} runs: ${runs.map((r) => r.performance).join(', ')}`);
}
