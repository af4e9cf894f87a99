// Preview and Publish from the editor's top bar: both wait for the draft to be saved; Preview
// opens the saved draft through a share link in a new tab, Publish puts it live and links to it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot, login, createPage, waitSaved } from './harness.mjs';

// The member club template's notice bar, drawn on every surface: pages are Chinese by default.
const NOTICE = '新会员注册即送 100 积分，每日签到积分领不停';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('preview the draft in a new tab, then publish it and open the live page', async () => {
  const { context, page, errors } = await openPage(browser, 'desktop');
  await login(page);
  await createPage(page, 'Publish flow test', 'Member club home', 'zh-CN');
  const heading = page.locator('.canvas [data-id="notice"]');
  await heading.waitFor();
  await waitSaved(page);

  const previewButton = page.getByRole('button', { name: 'Preview' });
  const publishButton = page.getByRole('button', { name: 'Publish' });
  assert.equal(await previewButton.isEnabled(), true);

  // Preview: a new tab on /preview/<token> draws the saved draft.
  const [tab] = await Promise.all([context.waitForEvent('page'), previewButton.click()]);
  await tab.waitForURL(/\/preview\/[^/]+$/);
  await tab.getByText(NOTICE).waitFor();
  await tab.close();

  // Publish: version 1 goes live and the link opens it.
  await publishButton.click();
  const live = page.getByRole('status').filter({ hasText: 'Live: version 1.' });
  await live.waitFor();
  const link = live.getByRole('link', { name: 'Open the live page' });
  const href = await link.getAttribute('href');
  assert.match(href, /^\/c\/[a-z0-9-]+$/);
  await screenshot(page, 'publish-done');

  // Publishing again makes version 2.
  await publishButton.click();
  await page.getByRole('status').filter({ hasText: 'Live: version 2.' }).waitFor();

  const member = await context.newPage();
  await member.goto(new URL(href, page.url()).href);
  await member.getByText(NOTICE).waitFor();
  await member.close();
  assert.deepEqual(errors, []);
  await context.close();
});
