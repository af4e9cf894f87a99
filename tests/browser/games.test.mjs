// The mini-games on a phone (390×844, touch, zh-CN), played by signed-in members against the
// real server: each game's starter template is published, played to its result, and what the
// game shows (where it lands, the dialog) is checked against the server's draw record. A double
// tap makes one draw; a lost answer is retried with the same key and charged once; reduced
// motion skips the motion; the odds page matches the odds API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  launch, openPage, screenshot, api, memberToken, axe, BASE_URL, USER,
} from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = Date.now().toString(36);

let browser;
let staff;
const slugs = {};
/** Each game's starter template. */
const GAMES = {
  wheel: 'wheel-campaign',
  grid: 'nine-grid-party',
  scratch: 'scratch-card',
  egg: 'smash-egg',
  slot: 'slot-machine',
};

before(async () => {
  browser = await launch();
  const login = await api('POST', '/api/auth/login', USER);
  staff = { cookie: login.cookie.split(';')[0], csrf: login.json.csrf_token };
  for (const [name, template] of Object.entries(GAMES)) {
    slugs[name] = `${name}-${run}`;
    const draft = (await api('POST', '/api/documents',
      { title: `${name} ${run}`, slug: slugs[name], template }, staff)).json;
    await api('POST', `/api/documents/${draft.id}/publish`, { version: draft.version }, staff);
  }
});
after(async () => { await browser?.close(); });

/** A phone signed in as a new member on the page of `game`; `points` are credited by staff. */
async function member(game, { points = 0, reducedMotion } = {}) {
  const opened = await openPage(browser, 'phone', { locale: 'zh-CN' });
  if (reducedMotion) await opened.page.emulateMedia({ reducedMotion: 'reduce' });
  await opened.page.goto(`${BASE_URL}/c/${slugs[game]}?t=${memberToken(`${game}-${run}-${Math.random()}`)}`);
  await opened.page.getByText('已登录会员').waitFor();
  if (points) {
    const me = await opened.page.evaluate(() => fetch('/api/member/me').then((r) => r.json()));
    await api('POST', `/api/members/${me.member.id}/adjust`, { amount: points, reason: 'test' }, staff);
    await opened.page.reload();
    await opened.page.getByText('已登录会员').waitFor();
  }
  // The game says what a play costs before she plays.
  await inGame(opened.page, '.cradle-game__note').filter({ hasText: /次|积分/ }).waitFor();
  return opened;
}

/**
 * A full-page screenshot, and one at CSS pixels for the README: the game card in play, the
 * phone's screen for a result (its dialog covers the screen).
 */
async function shot(page, name) {
  await screenshot(page, name);
  const file = path.join(root, 'tests/browser/screenshots', `card-${name}.png`);
  if (name.endsWith('-result')) {
    await page.waitForTimeout(300); // the dialog's fade-in
    await page.screenshot({ path: file, scale: 'css' });
    return;
  }
  const card = page.locator('.cradle-game[data-play]');
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: file, scale: 'css', animations: 'allow' });
}

/**
 * `selector` inside the page's game (not inside the hidden copy the runtime warms up with while
 * the page is idle).
 */
function inGame(page, selector) {
  return page.locator(`.cradle-game[data-play] ${selector}`);
}

/** Waits for the next draw answer; returns its JSON. */
function nextDraw(page) {
  return page
    .waitForResponse((r) => r.url().includes('/draws') && r.request().method() === 'POST')
    .then((r) => r.json());
}

/** Waits for the result dialog and checks it shows the prize the server awarded. */
async function expectResult(page, answer) {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const text = await dialog.innerText();
  if (answer.prize.kind.type === 'thanks') {
    assert.match(text, /谢谢参与/);
  } else {
    assert.match(text, new RegExp(answer.prize.name));
  }
  if (answer.draw.code) {
    assert.match(text, new RegExp(answer.draw.code));
    assert.equal(await dialog.locator('svg').count(), 1, 'the code as a QR code');
  }
  assert.equal(
    await inGame(page, '.cradle-play').getAttribute('data-landed'),
    String(answer.draw.prize_index),
  );
  // The result is announced.
  assert.match(await inGame(page, '.cradle-sr').innerText(), /恭喜|谢谢参与/);
  // Keyboard users are in the dialog (the focus moves there at the frame after it is drawn) and
  // leave it with Escape.
  await page.waitForFunction(() => document.activeElement?.classList.contains('cradle-result__close'), null, { timeout: 2000 })
    .catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement.className), 'cradle-btn cradle-btn--primary cradle-result__close');
}

/** The wheel segment under the pointer, read off the disc's resting transform. */
function segmentUnderPointer(page, n) {
  return inGame(page, '.cradle-wheel__disc').evaluate((disc, n) => {
    const m = new DOMMatrix(getComputedStyle(disc).transform);
    const angle = ((Math.atan2(m.b, m.a) * 180) / Math.PI + 360) % 360;
    return Math.floor(((360 - angle) % 360) / (360 / n)) % n;
  }, n);
}

test('the wheel spins at once and lands on the prize the server drew', async () => {
  const { context, page, errors } = await member('wheel');
  const n = await inGame(page, '.cradle-wheel__label').count();
  // A slow network: the wheel turns before the answer is in.
  await page.route('**/draws', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  const answer = nextDraw(page);
  await inGame(page, '.cradle-game__start').tap();
  await inGame(page, '.cradle-wheel__disc.is-spinning').waitFor({ timeout: 700 });
  await shot(page, 'game-wheel-playing');
  const drawn = await answer;
  await inGame(page, '.cradle-play[data-phase="landing"]').waitFor();
  await expectResult(page, drawn);
  assert.equal(await segmentUnderPointer(page, n), drawn.draw.prize_index);
  await shot(page, 'game-wheel-result');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a double tap makes one draw', async () => {
  const { context, page } = await member('wheel');
  let draws = 0;
  page.on('request', (r) => { if (r.url().includes('/draws') && r.method() === 'POST') draws += 1; });
  const start = inGame(page, '.cradle-game__start');
  await start.tap();
  // During play the button says it is disabled; a real finger taps it anyway.
  await start.tap({ force: true });
  await start.tap({ force: true });
  await page.getByRole('dialog').waitFor();
  assert.equal(draws, 1);
  await context.close();
});

test('a lost answer stops the game; the retry reuses the key and charges once', async () => {
  // The nine-grid costs 20 points a draw, no free draws.
  const { context, page } = await member('grid', { points: 100 });
  const keys = [];
  let dropped = false;
  await page.route('**/draws', async (route) => {
    keys.push(route.request().headers()['idempotency-key']);
    if (!dropped) {
      dropped = true;
      await route.fetch(); // the server draws and charges…
      await route.abort('connectionreset'); // …but the answer never arrives
      return;
    }
    await route.continue();
  });
  await inGame(page, '.cradle-ninegrid__go').tap();
  await page.getByRole('alert').filter({ hasText: '不会重复扣除积分' }).waitFor();
  await shot(page, 'game-grid-lost');
  const answer = nextDraw(page);
  await page.getByRole('button', { name: '重试' }).tap();
  const drawn = await answer;
  await inGame(page, '.cradle-play[data-phase="landing"]').waitFor();
  await shot(page, 'game-grid-playing');
  assert.equal(drawn.draw.replayed, true, 'the server answered the first draw again');
  assert.equal(keys.length, 2);
  assert.equal(keys[0], keys[1], 'the retry sent the same idempotency key');
  await expectResult(page, drawn);
  assert.match(await page.getByRole('dialog').innerText(), /本次消耗 20 积分/, 'the dialog says what it cost');
  const won = await inGame(page, '.cradle-ninegrid__cell.is-won').innerText();
  assert.equal(won, drawn.prize.name, 'the marquee stopped on the prize drawn');
  await shot(page, 'game-grid-result');
  const me = await page.evaluate(() => fetch('/api/member/me').then((r) => r.json()));
  const prize = drawn.prize.kind.type === 'points' ? drawn.prize.kind.amount : 0;
  assert.equal(me.points.balance, 100 - 20 + prize, 'one charge of 20 points');
  await context.close();
});

test('the scratch card draws when it opens, then scratches away under a finger', async () => {
  const { context, page, errors } = await member('scratch');
  const answer = nextDraw(page);
  await inGame(page, '.cradle-scratch__foil').getByRole('button').tap();
  const drawn = await answer;
  const cover = inGame(page, '.cradle-scratch__cover');
  await cover.waitFor();
  const box = await cover.boundingBox();
  // Scratch row by row across the card.
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.mouse.down();
  for (let y = 8; y < box.height; y += 18) {
    await page.mouse.move(box.x + box.width - 5, box.y + y, { steps: 4 });
    await page.mouse.move(box.x + 5, box.y + y + 9, { steps: 4 });
    if (y === 44) await shot(page, 'game-scratch-playing');
  }
  await page.mouse.up();
  await expectResult(page, drawn);
  await shot(page, 'game-scratch-result');
  assert.deepEqual(errors, []);
  await context.close();
});

test('smash the egg: the chosen egg cracks on the prize drawn, by keyboard too', async () => {
  const { context, page } = await member('egg');
  // A slow network, so the shaking can be seen before the answer lands.
  await page.route('**/draws', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  const answer = nextDraw(page);
  await inGame(page, '.cradle-egg').nth(1).focus();
  await page.keyboard.press('Enter');
  await inGame(page, '.cradle-egg.is-shaking').waitFor();
  await shot(page, 'game-egg-playing');
  const drawn = await answer;
  await expectResult(page, drawn);
  assert.equal(await inGame(page, '.cradle-egg').nth(1).getAttribute('class'), 'cradle-egg is-cracked');
  await shot(page, 'game-egg-result');
  await context.close();
});

test('the slot machine shows a line only for a win', async () => {
  const { context, page } = await member('slot');
  const answer = nextDraw(page);
  await inGame(page, '.cradle-game__start').tap();
  const drawn = await answer;
  await inGame(page, '.cradle-play[data-phase="landing"]').waitFor();
  await shot(page, 'game-slot-playing');
  await expectResult(page, drawn);
  const n = (await inGame(page, '.cradle-slot__strip').first().locator('li').count()) / 4;
  const shown = await inGame(page, '.cradle-slot__strip').evaluateAll((strips, n) => strips.map((s) => {
    const m = new DOMMatrix(getComputedStyle(s).transform);
    const cell = s.firstElementChild.getBoundingClientRect().height;
    return Math.round(-m.f / cell) % n;
  }), n);
  if (drawn.prize.kind.type === 'thanks') {
    assert.ok(!(shown[0] === shown[1] && shown[1] === shown[2]), `a losing line: ${shown}`);
  } else {
    assert.deepEqual(shown, [drawn.draw.prize_index, drawn.draw.prize_index, drawn.draw.prize_index]);
  }
  await shot(page, 'game-slot-result');
  await context.close();
});

test('with reduced motion the wheel does not turn: the result fades in', async () => {
  const { context, page } = await member('wheel', { reducedMotion: true });
  const answer = nextDraw(page);
  await inGame(page, '.cradle-game__start').tap();
  const drawn = await answer;
  const at = Date.now();
  await expectResult(page, drawn);
  assert.ok(Date.now() - at < 1500, 'the result shows without the spin');
  const motion = await inGame(page, '.cradle-wheel__disc').evaluate((d) => getComputedStyle(d).transitionDuration);
  assert.equal(motion, '0s');
  await context.close();
});

test('a visitor is told how to play; the odds page matches the odds API', async () => {
  const { context, page } = await openPage(browser, 'phone', { locale: 'zh-CN' });
  await page.goto(`${BASE_URL}/c/${slugs.wheel}`);
  await page.getByText('请先登录会员后再参与').first().waitFor();
  await inGame(page, '.cradle-game__start').tap();
  await page.getByRole('alert').filter({ hasText: '请先登录' }).waitFor();
  await page.getByRole('link', { name: '概率公示' }).tap();
  await page.waitForURL(/\/odds\//);
  const campaign = new URL(page.url()).pathname.split('/').pop();
  const odds = (await api('GET', `/api/published/${slugs.wheel}/campaigns/${campaign}/odds`)).json;
  const rows = await page.locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, odds.prizes.length);
  odds.prizes.forEach((p, i) => {
    assert.match(rows[i], new RegExp(p.name));
    // As the odds page rounds: tenths from 10 % or for whole numbers, else hundredths.
    const pc = p.probability * 100;
    const percent = pc >= 10 || Number.isInteger(pc) ? Math.round(pc * 10) / 10 : Math.round(pc * 100) / 100;
    assert.ok(rows[i].includes(`${percent}%`), `${rows[i]} shows ${percent}%`);
  });
  assert.match(await page.locator('body').innerText(), new RegExp(odds.seed_hash));
  await context.close();
});

test('every game passes axe at rest and with its result open', async () => {
  for (const game of Object.keys(GAMES)) {
    const { context, page } = await member(game);
    assert.deepEqual(await axe(page), [], `${game} at rest`);
    if (game === 'egg') {
      await inGame(page, '.cradle-egg').first().tap();
    } else if (game === 'scratch') {
      await inGame(page, '.cradle-scratch__foil').getByRole('button').tap();
      await inGame(page, '.cradle-scratch__reveal').tap();
    } else {
      await page.locator(game === 'grid' ? '.cradle-ninegrid__go' : '.cradle-game__start').tap();
    }
    if (game !== 'grid') {
      await page.getByRole('dialog').waitFor();
      await page.waitForTimeout(300); // the dialog's fade-in
      assert.deepEqual(await axe(page), [], `${game} with its result`);
    }
    await context.close();
  }
});
