// The app shell: it mounts on phone and desktop without console errors, logging in reaches the
// projects list, every route renders its page, unknown paths get the 404 page, the editor and the
// office each download only their own wasm, and the harness notices when the wasm does not mount.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openPage, expectAppMounted, screenshot, login, createPage } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const viewport of ['phone', 'desktop']) {
  test(`the app mounts at ${viewport} size, logs in and shows projects with no console errors`, async () => {
    const { context, page, errors } = await openPage(browser, viewport);
    const response = await page.goto(`${BASE_URL}/`);
    assert.equal(response.status(), 200);
    await expectAppMounted(page);
    await page.getByRole('heading', { name: 'Cradle', level: 1 }).waitFor();
    // The app reached the server through the typed API client.
    await page.getByRole('status').filter({ hasText: /Server: ok \((sqlite|postgres), v/ }).waitFor();
    await screenshot(page, `login-${viewport}`);
    await login(page);
    await screenshot(page, `projects-${viewport}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a wrong password gets a clear message and the form stays', async () => {
  const { context, page } = await openPage(browser, 'phone');
  await page.goto(`${BASE_URL}/`);
  await page.getByLabel('Email').fill('test@cradle.test');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('alert').filter({ hasText: 'email or password is wrong' }).waitFor();
  assert.equal(await page.getByLabel('Email').inputValue(), 'test@cradle.test');
  await context.close();
});

test('an unpublished member page and a bad preview link say so', async () => {
  const { context, page, errors } = await openPage(browser, 'phone');
  let response = await page.goto(`${BASE_URL}/c/spring-club`);
  assert.equal(response.status(), 404);
  await page.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
  response = await page.goto(`${BASE_URL}/preview/some-token`);
  assert.equal(response.status(), 404);
  await page.getByRole('heading', { name: 'Page not found', level: 1 }).waitFor();
  // The two 404 answers are the only console errors (the browser logs them).
  assert.ok(errors.every((e) => e.includes('404')), errors.join('\n'));
  await context.close();
});

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

test('the editor and the office are two apps: each page downloads only its own wasm', async () => {
  const { context, page, errors } = await openPage(browser, 'desktop');
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname); });
  await login(page);
  assert.equal(wasm.length, 1, wasm.join(', '));
  assert.match(wasm[0], /^\/o\/office-[0-9a-f]{16}_bg\.wasm$/);
  // Creating a page opens the editor: a page load of the other app.
  wasm.length = 0;
  await createPage(page, 'Two apps', 'Blank page');
  // The chunks come after the first frame: the palette's, the outline's, the inspector's.
  await page.getByRole('button', { name: 'Add Text' }).waitFor();
  await page.getByRole('tree').waitFor({ state: 'attached' });
  await page.getByRole('heading', { name: 'Page settings' }).waitFor();
  await page.getByRole('button', { name: 'Publish' }).waitFor();
  // The editor's main module first; its chunks from the same build.
  assert.match(wasm[0], /^\/e\/cradle-[0-9a-f]{16}\/cradle_bg\.wasm$/, wasm.join(', '));
  const build = wasm[0].replace(/cradle_bg\.wasm$/, '');
  assert.ok(wasm.every((p) => p.startsWith(build)), wasm.join(', '));
  // The editor's way back loads the office again, logged in.
  wasm.length = 0;
  await page.getByRole('link', { name: 'Back to projects' }).click();
  await page.getByRole('link', { name: 'Two apps' }).waitFor();
  assert.deepEqual(wasm.map((p) => p.split('-')[0]), ['/o/office']);
  // And the project's link opens the editor again.
  await page.getByRole('link', { name: 'Two apps' }).click();
  await page.getByRole('heading', { name: 'Two apps', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname.split('/')[1], 'edit');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the mount check fails when the wasm cannot load', async () => {
  const { context, page } = await openPage(browser, 'phone');
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(`${BASE_URL}/`);
  await assert.rejects(expectAppMounted(page, 3000), /Timeout/);
  await context.close();
});
