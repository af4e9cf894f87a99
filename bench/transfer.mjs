// What a phone receives for one cold load of a member page: Chromium's encoded byte counts per
// kind of response (HTML, CSS, JS, wasm, images), at 390×844, shared by bench/member-page and
// bench/games.
import { chromium } from 'playwright-core';

const CHROME = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Encoded bytes per kind of response for one cold load (the wasm started, the network quiet). */
export async function transfer(url) {
  const browser = await chromium.launch({ executablePath: CHROME, args: ['--headless', '--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3, locale: 'zh-CN' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const kinds = new Map();
  const bytes = { document: 0, css: 0, js: 0, wasm: 0, image: 0, other: 0 };
  cdp.on('Network.responseReceived', (e) => {
    const mime = e.response.mimeType;
    const kind = e.type === 'Document' ? 'document'
      : mime.includes('css') ? 'css'
      : mime.includes('javascript') ? 'js'
      : mime.includes('wasm') ? 'wasm'
      : e.type === 'Image' ? 'image' : 'other';
    kinds.set(e.requestId, kind);
  });
  cdp.on('Network.loadingFinished', (e) => { bytes[kinds.get(e.requestId) ?? 'other'] += e.encodedDataLength; });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => window.wasmBindings !== undefined, null, { timeout: 15000 });
  await browser.close();
  return bytes;
}
