// The playground page against the release build: the acceptance flows of the page
// issue, driven only through the UI contract's data-testids.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveSite, launch, openPage, gotoReady, byId, screenshot, lastEntry, act, fill, show, buildTabs } from './harness.mjs';

let site, browser;
before(async () => { site = await serveSite(); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

async function login(page, user = 'alice', password = 'wonderland') {
  await fill(page, 'login-username', user);
  await fill(page, 'login-password', password);
  await act(page, 'login-submit');
}

test('session: login sets an HttpOnly sid, /me works, revoking the session makes /me 401', async () => {
  const { page, context, problems } = await openPage(browser);
  await gotoReady(page, `${site.url}?mode=session`);
  await login(page);
  const sid = page.locator('[data-testid="cookie-row"][data-name="sid"]');
  assert.equal(await sid.getAttribute('data-http-only'), 'true');
  assert.equal(await sid.getAttribute('data-secure'), 'true');
  assert.equal(await sid.getAttribute('data-same-site'), 'Lax');
  await act(page, 'req-mypage');
  assert.equal((await lastEntry(page)).status, '200');
  assert.match(await page.textContent(byId('page-view')), /alice/);
  // the stage shows the cookie on the browser and the session row on server A
  assert.equal(await page.locator('[data-testid="stage-cookie"][data-name="sid"]').count(), 1);
  assert.equal(await page.locator('[data-testid="stage-actor"][data-server="A"] [data-testid="stage-session"]').count(), 1);
  await show(page, 'session-row');
  const row = page.locator('[data-testid="session-row"][data-user="alice"]');
  assert.equal(await row.count(), 1);
  await row.locator(byId('revoke-session')).click();
  assert.equal(await page.locator(byId('session-row')).count(), 0);
  await act(page, 'req-mypage');
  const e = await lastEntry(page);
  assert.equal(e.status, '401');
  assert.equal(e.path, '/me');
  assert.equal(e.actor, 'browser');
  assert.ok(+e.bytes > 100);
  assert.deepEqual(problems, []);
  await context.close();
});

test('token: the JWT lands in localStorage (simulated and real), travels as Bearer, and a forged role is refused', async () => {
  const { page, context, problems } = await openPage(browser);
  await gotoReady(page, `${site.url}?mode=token`);
  await login(page);
  const row = page.locator('[data-testid="storage-row"][data-key="access_token"]');
  assert.equal(await row.count(), 1);
  const token = (await row.locator('td').nth(1).textContent()).trim();
  assert.equal(token.split('.').length, 3);
  const real = await page.evaluate(() => window.localStorage.getItem('auth-playground:site:access_token'));
  assert.equal(real, token);
  await act(page, 'req-mypage');
  assert.equal((await lastEntry(page)).status, '200');
  // on the stage: the request's envelope carries the Bearer chip
  assert.equal(await page.getAttribute('.stage .env[data-leg="out"]', 'data-credential'), 'bearer');
  await page.locator(byId('net-entry')).last().click();
  assert.match(await page.textContent(byId('net-raw-request')), /Authorization: Bearer eyJ/);
  await show(page, 'jwt-verdict');
  assert.equal(await page.getAttribute(byId('jwt-verdict'), 'data-valid'), 'true');

  // forge: role → admin, keep the signature
  const [h, p, s] = token.split('.');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
  payload.role = 'admin';
  const forged = [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.');
  await page.fill(byId('jwt-encoded'), forged);
  assert.equal(await page.getAttribute(byId('jwt-verdict'), 'data-valid'), 'false');
  assert.match(await page.textContent(byId('jwt-verdict')), /signature/i);
  await act(page, 'jwt-send');
  assert.equal((await lastEntry(page)).status, '401');
  assert.match(await page.textContent(byId('page-view')), /signature/i);
  assert.deepEqual(problems, []);
  await context.close();
});

test('scale-out: per-server memory loses the session on B; sticky and shared keep it', async () => {
  for (const [query, expected] of [
    ['servers=2&lb=round-robin&store=memory', { server: 'B', status: '401' }],
    ['servers=2&lb=sticky&store=memory', { server: 'A', status: '200' }],
    ['servers=2&lb=round-robin&store=shared', { server: 'B', status: '200' }],
  ]) {
    const { page, context, problems } = await openPage(browser);
    await gotoReady(page, `${site.url}?mode=session&${query}`);
    assert.equal(await page.locator('[data-testid="stage-actor"][data-actor="server"]').count(), 2);
    await show(page, 'server-card');
    assert.equal(await page.locator(byId('server-card')).count(), 2);
    await login(page);
    await act(page, 'req-mypage');
    const e = await lastEntry(page);
    assert.deepEqual({ server: e.server, status: e.status }, expected, query);
    if (query.includes('shared')) assert.equal(await page.locator(`${byId('shared-store')} ${byId('session-row')}`).count(), 1);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('attacker: XSS steals the token (replay 200) but not the HttpOnly sid (replay 401)', async () => {
  {
    const { page, context, problems } = await openPage(browser);
    await gotoReady(page, `${site.url}?mode=token`);
    await login(page);
    await act(page, 'attacker-steal-xss');
    assert.match(await page.textContent(byId('attacker-loot')), /bearer token/);
    await act(page, 'attacker-replay');
    assert.equal(await page.getAttribute(byId('attacker-result'), 'data-status'), '200');
    assert.equal((await lastEntry(page)).actor, 'attacker');
    assert.deepEqual(problems, []);
    await context.close();
  }
  {
    const { page, context, problems } = await openPage(browser);
    await gotoReady(page, `${site.url}?mode=session`);
    await login(page);
    await act(page, 'attacker-steal-xss');
    assert.equal(await page.getAttribute(byId('attacker-loot'), 'data-count'), '0');
    assert.doesNotMatch(await page.textContent(byId('attacker-loot')), /sid/);
    await act(page, 'attacker-replay');
    assert.equal(await page.getAttribute(byId('attacker-result'), 'data-status'), '401');
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('every control of the contract is there and works by keyboard', async () => {
  const { page, context, problems } = await openPage(browser);
  await gotoReady(page, `${site.url}?mode=session`);
  await buildTabs(page);
  for (const id of ['mode-stateless', 'mode-session', 'mode-token', 'server-count', 'lb-policy', 'session-store-mode',
    'transport-mode', 'clock-now', 'clock-advance-1m', 'clock-advance-15m', 'clock-advance-1h', 'lang-toggle',
    'theme-toggle', 'reset-world', 'login-username', 'login-password', 'login-submit', 'req-mypage', 'req-admin',
    'req-logout', 'req-flight-quote', 'req-flight-buy', 'req-refresh', 'req-cross-site', 'page-view',
    'attacker-steal-xss', 'attacker-steal-sniff', 'attacker-loot', 'attacker-replay', 'attacker-result',
    'meter-credential-bytes', 'meter-total-bytes', 'meter-store-bytes', 'simulate-users', 'simulate-users-count']) {
    assert.equal(await page.locator(byId(id)).count(), 1, id);
  }
  // keyboard: focus the login button and press Enter
  await page.focus(byId('login-submit'));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="net-entry"]').length === 1);
  // the clock moves and the cookie countdown follows
  const before = await page.getAttribute(byId('clock-now'), 'data-value');
  await act(page, 'clock-advance-15m');
  assert.equal(+(await page.getAttribute(byId('clock-now'), 'data-value')) - +before, 15 * 60 * 1000);
  // server count 1 → 3: three cards, the new ones empty
  await page.selectOption(byId('server-count'), '3');
  assert.equal(await page.locator('[data-testid="stage-actor"][data-actor="server"]').count(), 3);
  assert.equal(await page.locator(byId('server-card')).count(), 3);
  assert.equal(await page.locator(`${byId('server-card')}[data-server="C"] ${byId('session-row')}`).count(), 0);
  // simulate users: the store meter grows
  const store0 = +(await page.getAttribute(byId('meter-store-bytes'), 'data-value'));
  await fill(page, 'simulate-users-count', '20000');
  await act(page, 'simulate-users');
  await page.waitForFunction(() => !document.querySelector('[data-testid="simulate-progress"]'));
  assert.ok(+(await page.getAttribute(byId('meter-store-bytes'), 'data-value')) > store0 + 20000 * 50);
  // bad count: a message, nothing lost
  await page.fill(byId('simulate-users-count'), '-5');
  await page.click(byId('simulate-users'));
  assert.match(await page.textContent('.simulate .error'), /1/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('screenshots of each mode, wide and narrow', async () => {
  for (const mode of ['stateless', 'session', 'token']) {
    for (const [width, height] of [[1280, 800], [390, 844]]) {
      const { page, context, problems } = await openPage(browser, { width, height });
      await gotoReady(page, `${site.url}?mode=${mode}&servers=2`);
      await login(page);
      await act(page, 'req-mypage');
      await screenshot(page, `page-${mode}-${width}x${height}`);
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});

test('blocked storage and corrupt preferences give a notice, not a broken page', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.addInitScript(() => { window.localStorage.setItem('auth-playground:prefs', '{not json'); });
  await gotoReady(page, site.url);
  assert.match(await page.textContent(byId('storage-notice')), /preferences/i);
  assert.deepEqual(problems, []);
  await context.close();
});

test('storage full (quota exceeded) and an older saved schema: the page works and says so', async () => {
  {
    const { page, context, problems } = await openPage(browser);
    await page.addInitScript(() => {
      Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
    });
    await gotoReady(page, `${site.url}?mode=token`);
    await act(page, 'login-submit');
    await show(page, 'storage-row');
    assert.equal(await page.locator('[data-testid="storage-row"][data-key="access_token"]').count(), 1, 'kept in memory');
    assert.match(await page.textContent(byId('storage-notice')), /full/i);
    assert.deepEqual(problems, []);
    await context.close();
  }
  {
    const { page, context, problems } = await openPage(browser);
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('auth-playground:prefs', JSON.stringify({ v: 0, lang: 'ko', theme: 42 }));
      }
    });
    await gotoReady(page, site.url);
    assert.equal(await page.getAttribute('html', 'lang'), 'ko', 'the language of the old schema was kept');
    assert.match(await page.textContent(byId('storage-notice')), /이전 버전/);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('the engine module cannot be fetched: a notice, then the login runs after a retry', async () => {
  const { page, context, problems } = await openPage(browser);
  let blocked = true;
  await page.route(/split_[^/]*\.wasm$/, (route) => (blocked ? route.abort() : route.continue()));
  await gotoReady(page, `${site.url}?mode=session`);
  // the page is there and answers; the action waits for the engine
  await page.waitForSelector(byId('engine-error'), { timeout: 10_000 });
  await page.click(byId('login-submit'));
  await page.waitForFunction(() => document.body.dataset.busy !== '1');
  assert.equal(await page.locator(byId('net-entry')).count(), 0);
  assert.match(await page.textContent(byId('engine-error')), /offline/);
  blocked = false;
  await act(page, 'engine-retry');
  await page.waitForSelector(`${byId('cookie-row')}[data-name="sid"]`, { timeout: 10_000 });
  assert.equal((await lastEntry(page)).path, '/login');
  assert.equal(await page.locator(byId('engine-error')).count(), 0);
  // only the refused fetch itself was reported
  assert.ok(problems.length > 0 && problems.every((p) => /split_engine-[0-9a-f]+\.wasm net::ERR_FAILED|Failed to load resource: net::ERR_FAILED|TypeError: Failed to fetch/.test(p)), problems.join('\n'));
  await context.close();
});
