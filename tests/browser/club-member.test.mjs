// The club blocks on a member's phone (390×844, touch, zh-CN), drawn by the server for her, with
// the member runtime handling taps: her card shows her tier, points and growth to the next tier;
// one tap on the sign-in calendar signs her in (her points rise once), a second tap says she is
// done for today, and a reload keeps both; the quiz marks her answers and the vote counts hers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, screenshot, api, memberToken, axe, BASE_URL, USER,
} from './harness.mjs';

let browser;
let slug;
const run = Date.now().toString(36);

before(async () => {
  browser = await launch();
  const login = await api('POST', '/api/auth/login', USER);
  const staff = { cookie: login.cookie.split(';')[0], csrf: login.json.csrf_token };
  slug = `sign-in-${run}`;
  const draft = (await api('POST', '/api/documents', { title: '每日签到', slug, template: 'daily-sign-in' }, staff)).json;
  await api('POST', `/api/documents/${draft.id}/publish`, { version: draft.version }, staff);
});
after(async () => { await browser?.close(); });

/** Resolves once the member runtime has started (it listens for taps from then on). */
async function runtime(page) {
  await page.waitForFunction(() => window.wasmBindings !== undefined);
}

/** The points the member card shows. */
async function cardPoints(page) {
  const text = await page.locator('.cradle-member__points').textContent();
  return Number(text.match(/^(\d+) 积分$/)[1]);
}

test('one tap signs a member in for the day; her card and the calendar follow', async () => {
  const { page, errors } = await openPage(browser, 'phone', { locale: 'zh-CN' });
  await page.goto(`${BASE_URL}/c/${slug}?t=${memberToken(`signer-${run}`)}`);
  await page.getByText('已登录会员').waitFor();
  // Her card, drawn by the server: the first tier, no points yet, growth to the next tier.
  assert.equal(await cardPoints(page), 0);
  await page.locator('.cradle-member__next').filter({ hasText: /^再获得 \d+ 成长值即可升级为/ }).waitFor();
  assert.equal(await page.getByRole('progressbar', { name: /成长进度/ }).getAttribute('aria-valuenow'), '0');
  const today = page.locator('.cradle-calendar__day[aria-current="date"]');
  assert.match(await today.textContent(), /^今天\+\d+$/);

  // One tap: the server credits her and the page is drawn again, for her, signed in.
  await runtime(page);
  await page.getByRole('button', { name: '签到', exact: true }).tap();
  const done = page.getByRole('status').filter({ hasText: /^今日签到获得 \d+ 积分，已连续签到 1 天$/ });
  await done.waitFor();
  const credited = Number((await done.textContent()).match(/获得 (\d+) 积分/)[1]);
  assert.ok(credited > 0);
  assert.equal(await cardPoints(page), credited, 'her card shows the new balance');
  assert.equal(await page.getByRole('progressbar', { name: /成长进度/ }).getAttribute('aria-valuenow'), String(credited));
  assert.equal(await page.locator('.cradle-calendar__day--done').count(), 1);

  // A second tap credits nothing and says so.
  await runtime(page);
  await page.getByRole('button', { name: '今日已签到' }).tap();
  await page.getByRole('status').filter({ hasText: '今天已经签到过了，明天再来吧！' }).waitFor();
  const me = await page.evaluate(() => fetch('/api/member/me').then((r) => r.json()));
  assert.equal(me.points.balance, credited, 'the server credited once');

  // The server draws the same on a reload.
  await page.reload();
  await page.getByRole('button', { name: '今日已签到' }).waitFor();
  assert.equal(await cardPoints(page), credited);
  assert.equal(await page.locator('.cradle-calendar__day--done').count(), 1);
  await screenshot(page, 'club-sign-in-phone');
  assert.deepEqual(await axe(page, '.member'), [], 'the club blocks pass axe');
  assert.deepEqual(errors, []);
});

test('a member answers the quiz, sees the right answers, and votes with live counts', async () => {
  const login = await api('POST', '/api/auth/login', USER);
  const staff = { cookie: login.cookie.split(';')[0], csrf: login.json.csrf_token };
  const quizSlug = `quiz-${run}`;
  const draft = (await api('POST', '/api/documents', { title: '育儿问答', slug: quizSlug, template: 'blank' }, staff)).json;
  const doc = draft.document;
  doc.blocks.quiz = { id: 'quiz', kind: 'quiz', props: { title: '育儿知识问答', reward_points: 20, questions: [
    { question: '宝宝第一次微笑大约在？', options: [{ text: '6 周左右' }, { text: '6 个月左右' }], answer: 1 },
    { question: '母乳喂养建议至少多久？', options: [{ text: '1 个月' }, { text: '6 个月' }], answer: 2 },
  ] } };
  doc.blocks.vote = { id: 'vote', kind: 'vote', props: { title: '你最喜欢哪款礼盒？', votes_per_day: 1, options: [
    { label: '新生礼盒', image: '', alt: '' }, { label: '满月礼盒', image: '', alt: '' },
  ] } };
  doc.blocks.page.slots.main = ['quiz', 'vote'];
  const saved = (await api('PUT', `/api/documents/${draft.id}`, { version: draft.version, document: doc }, staff)).json;
  await api('POST', `/api/documents/${draft.id}/publish`, { version: saved.version }, staff);

  const { page, errors } = await openPage(browser, 'phone', { locale: 'zh-CN' });
  await page.goto(`${BASE_URL}/c/${quizSlug}?t=${memberToken(`quizzer-${run}`)}`);
  await page.getByText('已登录会员').waitFor();
  await runtime(page);
  const quiz = page.locator('.cradle-quiz__host');
  // Not every question answered: she is told so.
  await quiz.getByRole('button', { name: '6 个月左右' }).tap();
  await quiz.getByRole('button', { name: '提交答案' }).tap();
  await quiz.getByRole('status').filter({ hasText: '请先回答每一道题。' }).waitFor();
  // One wrong: the verdict shows the right options; no points.
  await quiz.getByRole('button', { name: '1 个月' }).tap();
  assert.equal(await quiz.getByRole('button', { name: '1 个月' }).getAttribute('aria-pressed'), 'true');
  await quiz.getByRole('button', { name: '提交答案' }).tap();
  await quiz.getByRole('status').filter({ hasText: '答对 0/2 题，看看正确答案，再试一次吧！' }).waitFor();
  assert.equal(await quiz.locator('.cradle-option--right').count(), 2);
  await quiz.getByRole('button', { name: /^6 周左右 ✓ 正确答案$/ }).waitFor();
  // All right: the reward, once.
  await quiz.getByRole('button', { name: /^6 周左右/ }).tap();
  await quiz.getByRole('button', { name: '6 个月', exact: true }).tap();
  await quiz.getByRole('button', { name: '提交答案' }).tap();
  await quiz.getByRole('status').filter({ hasText: '全部答对！获得 20 积分。' }).waitFor();
  await quiz.getByRole('button', { name: '提交答案' }).tap();
  await quiz.getByRole('status').filter({ hasText: '全部答对！奖励已经领过了。' }).waitFor();
  assert.equal(await quiz.locator('.cradle-quiz__mark').count(), 2, 'each right option marked once');
  const me = await page.evaluate(() => fetch('/api/member/me').then((r) => r.json()));
  assert.equal(me.points.balance, 20);

  // The vote: counts after one tap; the daily limit is explained.
  const vote = page.locator('.cradle-vote__host');
  await vote.getByRole('status').filter({ hasText: '今天还可以投 1 票' }).waitFor();
  await vote.getByRole('button', { name: /^满月礼盒/ }).tap();
  await vote.getByRole('button', { name: /^满月礼盒 1 票$/ }).waitFor();
  await vote.getByRole('status').filter({ hasText: '今天还可以投 0 票' }).waitFor();
  await vote.getByRole('button', { name: /^新生礼盒/ }).tap();
  await vote.getByRole('status').filter({ hasText: '今天的票已经投完了，明天再来吧！' }).waitFor();
  await screenshot(page, 'club-quiz-vote-phone');
  assert.deepEqual(await axe(page, '.member'), [], 'quiz and vote pass axe');
  // The vote's 429 is expected: the browser logs the refused request.
  assert.deepEqual(errors.filter((e) => !e.includes('429')), []);
});

test('her invite card passes on her link; a new member who opens it credits her once', async () => {
  const login = await api('POST', '/api/auth/login', USER);
  const staff = { cookie: login.cookie.split(';')[0], csrf: login.json.csrf_token };
  const inviteSlug = `invite-${run}`;
  const draft = (await api('POST', '/api/documents', { title: '邀请好友', slug: inviteSlug, template: 'invite-friends' }, staff)).json;
  await api('POST', `/api/documents/${draft.id}/publish`, { version: draft.version }, staff);
  const balance = (page) => page.evaluate(() => fetch('/api/member/me').then((r) => r.json()).then((me) => me.points.balance));

  // With the system share sheet (stubbed: headless Chromium has none), the sheet gets her link.
  const inviter = await openPage(browser, 'phone', { locale: 'zh-CN' });
  await inviter.page.addInitScript(() => {
    navigator.share = async (data) => { window.sharedUrl = data.url; };
  });
  await inviter.page.goto(`${BASE_URL}/c/${inviteSlug}?t=${memberToken(`inviter-${run}`)}`);
  await inviter.page.getByText('已登录会员').waitFor();
  await runtime(inviter.page);
  const code = await inviter.page.locator('#member-bar').getAttribute('data-code');
  await inviter.page.getByRole('button', { name: '去邀请' }).tap();
  await inviter.page.waitForFunction(() => window.sharedUrl !== undefined);
  const link = await inviter.page.evaluate(() => window.sharedUrl);
  assert.equal(link, `${BASE_URL}/c/${inviteSlug}?invite=${code}`);
  const before = await balance(inviter.page);

  // Without one, the link is copied and she is told so.
  const copier = await openPage(browser, 'phone', { locale: 'zh-CN' });
  await copier.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
  await copier.page.goto(`${BASE_URL}/c/${inviteSlug}?t=${memberToken(`copier-${run}`)}`);
  await copier.page.getByText('已登录会员').waitFor();
  await runtime(copier.page);
  await copier.page.getByRole('button', { name: '去邀请' }).tap();
  await copier.page.getByRole('status').filter({ hasText: /^邀请链接已复制/ }).waitFor();
  assert.match(await copier.page.evaluate(() => navigator.clipboard.readText()), /\?invite=[0-9a-z]+$/);

  // A new member opens the link with her brand's sign-in: the inviter is credited, once.
  const friend = await openPage(browser, 'phone', { locale: 'zh-CN' });
  const token = memberToken(`friend-${run}`);
  await friend.page.goto(`${link}&t=${token}`);
  await friend.page.getByText('已登录会员').waitFor();
  await friend.page.waitForFunction(() => !location.search.includes('invite='));
  let after = before;
  for (let i = 0; i < 20 && after === before; i += 1) {
    await inviter.page.waitForTimeout(250);
    after = await balance(inviter.page);
  }
  assert.ok(after > before, `the inviter is credited (${before} → ${after})`);
  await friend.page.goto(`${link}&t=${token}`);
  await friend.page.getByText('已登录会员').waitFor();
  await friend.page.waitForFunction(() => !location.search.includes('invite='));
  await friend.page.waitForTimeout(500);
  assert.equal(await balance(inviter.page), after, 'a second visit credits nothing');
  assert.deepEqual(await axe(friend.page, '.member'), [], 'the invite page passes axe');
  for (const p of [inviter, copier, friend]) await p.context.close();
});

test('rights are shared once the family member accepts; either can end it', async () => {
  const login = await api('POST', '/api/auth/login', USER);
  const staff = { cookie: login.cookie.split(';')[0], csrf: login.json.csrf_token };
  const clubSlug = `club-${run}`;
  const draft = (await api('POST', '/api/documents', { title: '会员中心', slug: clubSlug, template: 'club-home' }, staff)).json;
  await api('POST', `/api/documents/${draft.id}/publish`, { version: draft.version }, staff);

  // Mum makes an offer; the share sheet (stubbed) gets its link.
  const mum = await openPage(browser, 'phone', { locale: 'zh-CN' });
  await mum.page.addInitScript(() => {
    navigator.share = async (data) => { window.sharedUrl = data.url; };
  });
  await mum.page.goto(`${BASE_URL}/c/${clubSlug}?t=${memberToken(`mum-${run}`)}`);
  await mum.page.getByText('已登录会员').waitFor();
  await runtime(mum.page);
  const mumCode = await mum.page.locator('#member-bar').getAttribute('data-code');
  const card = mum.page.locator('.cradle-share');
  await card.getByRole('button', { name: '邀请家人共享' }).tap();
  await mum.page.waitForFunction(() => window.sharedUrl !== undefined);
  const link = await mum.page.evaluate(() => window.sharedUrl);
  assert.match(link, new RegExp(`/c/${clubSlug}\\?share=[0-9a-f]{32}$`));

  // Gran opens it: she is asked, and nothing is shared until she accepts.
  const gran = await openPage(browser, 'phone', { locale: 'zh-CN' });
  await gran.page.goto(`${link}&t=${memberToken(`gran-${run}`)}`);
  await gran.page.getByText('已登录会员').waitFor();
  const offer = gran.page.getByRole('group', { name: '接受共享' });
  await offer.getByText(`会员 ${mumCode} 邀请您共享TA的`).waitFor();
  let me = await gran.page.evaluate(() => fetch('/api/member/me').then((r) => r.json()));
  assert.equal(me.benefits.shared_by, null, 'not before she accepts');
  await runtime(gran.page);
  await offer.getByRole('button', { name: '接受共享' }).tap();
  await gran.page.getByText(`您正在享受会员 ${mumCode} 共享的权益`).waitFor();
  assert.ok(!gran.page.url().includes('share='), 'the offer leaves the address');
  me = await gran.page.evaluate(() => fetch('/api/member/me').then((r) => r.json()));
  assert.equal(me.benefits.shared_by, mumCode);
  const granCode = await gran.page.locator('#member-bar').getAttribute('data-code');
  await screenshot(gran.page, 'rights-shared-phone');
  assert.deepEqual(await axe(gran.page, '.member'), [], 'the sharing card passes axe');

  // Mum's card lists gran and the 0.25-point bonus; mum ends it.
  await mum.page.reload();
  await card.getByText(`与会员 ${granCode} 共享中`).waitFor();
  await card.getByText('家人每获得 1 积分，您额外获得 0.25 积分').waitFor();
  await runtime(mum.page);
  await card.getByRole('button', { name: '结束共享' }).tap();
  await mum.page.waitForFunction(() => !document.body.textContent.includes('共享中'));
  me = await gran.page.evaluate(() => fetch('/api/member/me').then((r) => r.json()));
  assert.equal(me.benefits.shared_by, null, 'ended');
  for (const p of [mum, gran]) await p.context.close();
});
