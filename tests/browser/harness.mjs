// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core (never a
// downloaded browser), the two viewports we support, console-error capture and screenshots.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080';

/** The viewports every page must work at. */
export const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  desktop: { viewport: { width: 1440, height: 900 } },
};

const screenshotDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

/** Launches headless Chromium with the flags this offline machine needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * Opens a page in a new context with the named viewport and browser locale; `errors` collects console errors and
 * uncaught exceptions so a test can assert there were none.
 */
export async function openPage(browser, viewportName, { locale = 'en-US' } = {}) {
  const context = await browser.newContext({ ...VIEWPORTS[viewportName], locale });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  return { context, page, errors };
}

/** Resolves once the wasm app has mounted (a `main` landmark exists); rejects after `timeout` ms. */
export async function expectAppMounted(page, timeout = 15000) {
  await page.getByRole('main').waitFor({ state: 'visible', timeout });
}

/** Saves a screenshot under tests/browser/screenshots (git-ignored). */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}
