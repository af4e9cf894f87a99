// The app shell: it mounts on phone and desktop without console errors, every route renders its
// page, unknown paths get the 404 page, and the harness notices when the wasm does not mount.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openPage, expectAppMounted, screenshot } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const viewport of ['phone', 'desktop']) {
  test(`projects page mounts at ${viewport} size with no console errors`, async () => {
    const { context, page, errors } = await openPage(browser, viewport);
    const response = await page.goto(`${BASE_URL}/`);
    assert.equal(response.status(), 200);
    await expectAppMounted(page);
    await page.getByRole('heading', { name: 'Cradle', level: 1 }).waitFor();
    // The app reached the server through the typed API client.
    await page.getByRole('status').filter({ hasText: /Server: ok \((sqlite|postgres), v/ }).waitFor();
    await screenshot(page, `projects-${viewport}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

const routes = [
  ['/edit/doc-1', 'Editor'],
  ['/c/spring-club', 'Club page'],
  ['/preview/some-token', 'Draft preview'],
];
for (const [route, heading] of routes) {
  test(`${route} renders the ${heading} page`, async () => {
    const { context, page, errors } = await openPage(browser, 'phone');
    const response = await page.goto(`${BASE_URL}${route}`);
    assert.equal(response.status(), 200);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('an unknown path answers 404 and shows the not-found page with a way back', async () => {
  const { context, page } = await openPage(browser, 'desktop');
  const response = await page.goto(`${BASE_URL}/no/such/page`);
  assert.equal(response.status(), 404);
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  await page.getByRole('link', { name: 'Go to projects' }).click();
  await page.getByRole('heading', { name: 'Cradle', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  await context.close();
});

test('the mount check fails when the wasm cannot load', async () => {
  const { context, page } = await openPage(browser, 'phone');
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(`${BASE_URL}/`);
  await assert.rejects(expectAppMounted(page, 3000), /Timeout/);
  await context.close();
});
