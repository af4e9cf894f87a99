// The integration page for the workspace's owner (zh-CN, 1440×900): the member-token secret signs
// a token with the README's Node example that opens a member session; a key created with
// orders:write is shown once and reports an order; a webhook gets the tier the next order reaches,
// signed; the key, revoked, opens nothing; the secret is rotated after a confirmation and the old
// one's grace period is stated.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { launch, openPage, screenshot, axe, BASE_URL, USER } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = Date.now().toString(36);
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const post = (apiPath, body, headers = {}) => fetch(BASE_URL + apiPath, {
  method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
});

test('the owner connects the brand: a signed token, a key shown once, revoked, a rotated secret', async () => {
  const { page, errors } = await openPage(browser, 'desktop', { locale: 'zh-CN' });
  await page.goto(`${BASE_URL}/integration`);
  await page.getByLabel('邮箱').fill(USER.email);
  await page.getByLabel('密码').fill(USER.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { name: '系统对接', level: 1 }).waitFor();

  // The secret is hidden until asked for; the documented Node example signs with it.
  const secretBox = page.locator('.integration-secret');
  assert.match(await secretBox.textContent(), /^•+$/);
  await page.getByRole('button', { name: '显示' }).click();
  const secret = await secretBox.textContent();
  assert.match(secret, /^[0-9a-f]{64}$/);
  const workspace = await page.locator('.integration-facts code').first().textContent();
  const token = execFileSync('node', [path.join(root, 'docs/integration/sign-member-token.mjs'),
    '--workspace', workspace, '--secret', secret, '--member', `crm-${run}`]).toString().trim();
  assert.equal((await post('/api/member/session', { token })).status, 200, 'the token opens a session');

  // A key with orders:write, shown once, reports an order.
  await page.getByLabel('用途').fill(`天猫旗舰店 ${run}`);
  await page.getByRole('checkbox', { name: '上报订单和退款（orders:write）' }).check();
  await page.getByRole('button', { name: '创建密钥' }).click();
  await page.getByText('请立即复制保存：这个密钥只显示这一次。').waitFor();
  const key = await page.locator('.integration-key').textContent();
  assert.match(key, /^crk_[0-9a-f]{48}$/);
  const order = { order_id: `TM-${Date.now()}`, member: `crm-${run}`, amount_cents: 19_900, channel: 'online' };
  const reported = await post('/api/orders', order, { authorization: `Bearer ${key}` });
  assert.equal(reported.status, 201);
  assert.equal((await reported.json()).points, 199);
  await screenshot(page, 'integration-desktop');
  assert.deepEqual(await axe(page), [], 'the integration page passes axe');

  // A webhook: the brand's receiver (a local server here) gets a signed tier.changed when an
  // order lifts the member to bronze, and the page's log says it was delivered.
  const received = [];
  const hookServer = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => { received.push({ headers: req.headers, body }); res.end('ok'); });
  });
  await new Promise((done) => hookServer.listen(0, '127.0.0.1', done));
  const hookUrl = `http://127.0.0.1:${hookServer.address().port}/cradle`;
  await page.getByLabel('接收地址').fill(hookUrl);
  await page.getByRole('checkbox', { name: '会员升级（tier.changed）' }).check();
  await page.getByRole('button', { name: '添加 Webhook' }).click();
  await page.getByText('请立即复制签名密钥：用它校验 X-Cradle-Signature，只显示这一次。').waitFor();
  const hookSecret = await page.locator('.integration-fresh').filter({ hasText: '签名密钥' }).locator('code').textContent();
  const lifted = await post('/api/orders', { ...order, order_id: `${order.order_id}-2`, amount_cents: 40_000 },
    { authorization: `Bearer ${key}` });
  assert.equal(lifted.status, 201);
  for (let i = 0; i < 100 && received.length === 0; i += 1) await page.waitForTimeout(100);
  hookServer.close();
  assert.equal(received.length, 1, 'one tier.changed delivery');
  const [{ headers, body }] = received;
  assert.equal(headers['x-cradle-event'], 'tier.changed');
  const signed = createHmac('sha256', hookSecret).update(`${headers['x-cradle-timestamp']}.${body}`).digest('hex');
  assert.equal(headers['x-cradle-signature'], `sha256=${signed}`);
  assert.equal(JSON.parse(body).data.to, 'bronze');

  // Listed without the key, with its last use; revoked after a confirmation.
  await page.reload();
  const hookRow = page.locator('.integration-key-row').filter({ hasText: hookUrl });
  await hookRow.getByText('发送记录', { exact: true }).click();
  await hookRow.locator('.integration-log li').filter({ hasText: /tier\.changed · 已送达 × 1 · 200$/ }).waitFor();
  const row = page.locator('.integration-key-row').filter({ hasText: `天猫旗舰店 ${run}` });
  await row.getByText(/^最近使用 \d{4}-\d\d-\d\d \d\d:\d\d$/).waitFor();
  assert.equal(await page.getByText(key).count(), 0, 'the key is not shown again');
  await row.getByRole('button', { name: '撤销' }).click();
  await row.getByRole('group', { name: '撤销' }).getByRole('button', { name: '撤销' }).click();
  await row.getByText('已撤销').waitFor();
  assert.equal((await post('/api/orders', order, { authorization: `Bearer ${key}` })).status, 401);

  // Rotation asks first, then states until when the old secret works.
  await page.getByRole('button', { name: '更换密钥' }).click();
  await page.getByRole('group', { name: '更换密钥' }).getByRole('button', { name: '确认更换' }).click();
  await page.getByRole('status').filter({ hasText: /^旧密钥有效至 \d{4}-\d\d-\d\d \d\d:\d\d$/ }).waitFor();
  await page.getByRole('button', { name: '显示' }).click();
  assert.match(await secretBox.textContent(), /^[0-9a-f]{64}$/);
  assert.notEqual(await secretBox.textContent(), secret, 'a new secret');
  assert.deepEqual(errors.filter((e) => !e.includes('401')), []);
});
