// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core (never a
// downloaded browser), the two viewports we support, console-error capture and screenshots.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080';

/** The viewports every page must work at. */
export const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  desktop: { viewport: { width: 1440, height: 900 } },
  // Builder tests drag between blocks: a tall window keeps the whole test page on screen.
  tall: { viewport: { width: 1440, height: 1800 } },
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

/** Saves a screenshot under tests/browser/screenshots (git-ignored): the whole page, or what fits the window. */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
}

/** The user scripts/test adds before starting the server. */
export const USER = {
  email: process.env.TEST_EMAIL ?? 'test@cradle.test',
  password: process.env.TEST_PASSWORD ?? 'password12345',
};

/** Logs in through the form and waits for the projects list. */
export async function login(page) {
  await page.goto(`${BASE_URL}/`);
  await page.getByLabel('Email').fill(USER.email);
  await page.getByLabel('Password').fill(USER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Projects', level: 2 }).waitFor();
}

/**
 * Creates a page from the template gallery, written in `language` (`en` unless asked: these tests
 * read English; the gallery itself starts on zh-CN), and waits for the editor; returns its id.
 */
export async function createPage(page, title, templateName, language = 'en') {
  await page.getByRole('button', { name: 'New page' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByRole('combobox', { name: 'Page language' }).selectOption(language);
  await page.getByRole('radio', { name: new RegExp(templateName) }).check();
  await page.getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(/\/edit\//);
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
  return new URL(page.url()).pathname.split('/').pop();
}

/** Ids of the blocks in a canvas slot, in order. */
export async function slotOrder(page, parent, slot) {
  return page
    .locator(`.canvas [data-parent="${parent}"][data-slot="${slot}"] > [data-id]`)
    .evaluateAll((els) => els.map((e) => e.dataset.id));
}

/** Drags with the mouse from one element's centre to a point in another (top edge when `above`). */
export async function drag(page, from, to, { above = true } = {}) {
  // Pictures that finish loading move everything below them: measure after they have.
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 4 });
  const y = above ? b.y + Math.min(8, b.height / 4) : b.y + b.height - Math.min(8, b.height / 4);
  await page.mouse.move(b.x + b.width / 2, y, { steps: 12 });
  await page.mouse.up();
}

/** Waits until the top bar says every edit reached the server. */
export async function waitSaved(page) {
  await page.locator('.toolbar__status').filter({ hasText: /^Saved$/ }).waitFor({ timeout: 15000 });
}

/** One API call (with a staff session's cookie and CSRF token when given); asserts it succeeded. */
export async function api(method, apiPath, body, session) {
  const headers = { 'content-type': 'application/json' };
  if (session) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
  const res = await fetch(BASE_URL + apiPath, { method, headers, body: body && JSON.stringify(body) });
  const json = res.status === 204 ? null : await res.json();
  assert.ok(res.ok, `${method} ${apiPath}: ${res.status} ${JSON.stringify(json)}`);
  return { json, cookie: res.headers.get('set-cookie') };
}

/**
 * A member token signed as the brand's system would (the server's CLI, on the test's data), with
 * `profile` as CLI flags (`--due-date`, …).
 */
export function memberToken(member, profile = []) {
  const args = ['member', 'token', '--workspace', 'Test brand', '--member', member, ...profile];
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const bin = path.join(root, 'target/debug/cradle-server');
  return execFileSync(bin, args, { env: { ...process.env, DATABASE_URL: '' } }).toString().trim();
}

/**
 * axe-core's WCAG 2.2 A/AA violations in `scope` (a selector; the whole page when absent), as
 * `rule: target` lines (none expected).
 */
export async function axe(page, scope) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  // Evaluated through DevTools: the page's Content-Security-Policy rightly refuses inline scripts.
  await page.evaluate(readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate((scope) => window.axe.run(scope ? { include: [scope] } : document, {
    resultTypes: ['violations'],
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }), scope);
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}
