// The labs beyond the article (issue 17), through the UI contract only: the forged form
// against every defence (lab 1), where the token lives (lab 2), and the code flow with
// PKCE at auth.example (lab 3). The rules are the host tests' (tests/labs.rs); these
// check that the page shows what the simulation decided.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveSite, launch, openPage, gotoReady, byId, act, fill, show, lastEntry, screenshot } from './harness.mjs';

let site, browser;
before(async () => { site = await serveSite(); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

async function login(page) {
  await fill(page, 'login-username', 'alice');
  await fill(page, 'login-password', 'wonderland');
  await act(page, 'login-submit');
}

/** Every row of the network list, as its data attributes. */
async function entries(page) {
  await show(page, 'net-entry');
  return page.$$eval('[data-testid="net-entry"]', (rows) => rows.map((r) => ({ ...r.dataset })));
}

// Lab 1 — the outcome table of the issue: evil.example's complete form POST to
// /miles/transfer, after alice logged in. RFC 6265bis §5.4 (SameSite), §8.8.2/§8.8.3.
const CSRF_TABLE = [
  { query: 'mode=session&samesite=none&csrf=none', status: '200', why: 'the sid cookie rides along' },
  { query: 'mode=session&samesite=lax&csrf=none', status: '401', withheld: 'sid', why: 'Lax keeps sid home on a cross-site POST' },
  { query: 'mode=session&samesite=strict&csrf=none', status: '401', withheld: 'sid', why: 'Strict keeps sid home' },
  { query: 'mode=session&samesite=none&csrf=token', status: '403', why: 'no synchroniser token on the form' },
  { query: 'mode=session&samesite=none&csrf=origin', status: '403', why: 'Origin: https://evil.example' },
  { query: 'mode=token&token_store=local&samesite=none', status: '401', why: 'nothing attaches a Bearer header' },
  { query: 'mode=token&token_store=cookie&samesite=none&csrf=none', status: '200', why: 'a JWT in a cookie rides along' },
];

test('lab 1: the forged form POST against each SameSite value and defence', async () => {
  const { page, context, problems } = await openPage(browser);
  for (const row of CSRF_TABLE) {
    await gotoReady(page, `${site.url}?lang=en&${row.query}`);
    await login(page);
    await act(page, 'req-cross-site');
    const e = await lastEntry(page);
    const where = `${row.query} (${row.why})`;
    assert.equal(`${e.method} ${e.path}`, 'POST /miles/transfer', where);
    assert.equal(e.host, 'playground.example', where);
    assert.equal(e.status, row.status, where);
    // the stage shows the forged request: evil.example is on it, and a withheld cookie
    // is struck out with its reason
    assert.equal(await page.locator('[data-testid="stage-actor"][data-actor="evil"]').count(), 1, where);
    const struck = page.locator('.stage .chip-withheld');
    if (row.withheld) {
      assert.ok((await struck.count()) >= 1, `${where}: no withheld chip`);
      assert.match(await struck.first().textContent(), new RegExp(row.withheld), where);
      assert.match((await struck.first().getAttribute('title')) ?? '', /SameSite/, `${where}: the reason`);
    } else {
      // the login cookie (sid or at) is not held back (token mode's rt, SameSite=Strict, is)
      const names = await struck.allTextContents();
      assert.ok(!names.some((n) => /\b(sid|at)\b/.test(n)), `${where}: ${names}`);
    }
    // a 2xx moved the miles: the page says so
    if (row.status === '200') assert.match(await page.textContent(byId('page-view')), /5,000 miles to mallory/, where);
  }
  // the selects drive the same knobs as the URL parameters
  await gotoReady(page, `${site.url}?lang=en&mode=session`);
  await page.selectOption(byId('samesite-mode'), 'none');
  await page.selectOption(byId('csrf-mode'), 'origin');
  await page.waitForFunction(() => document.body.dataset.busy !== '1');
  await login(page);
  await act(page, 'req-cross-site');
  assert.equal((await lastEntry(page)).status, '403');
  assert.deepEqual(problems, []);
  await context.close();
});

test('lab 1: a cross-site link (top-level GET) carries a Lax cookie but not a Strict one', async () => {
  const { page, context, problems } = await openPage(browser);
  await gotoReady(page, `${site.url}?lang=en&scenario=csrf-samesite&step=3`);
  await page.waitForFunction(() => document.body.dataset.busy !== '1');
  const rows = (await entries(page)).slice(-3);
  // the link under Lax (200); alice logs in again for a Strict cookie; the link (401)
  assert.deepEqual(rows.map((r) => `${r.method} ${r.path} ${r.status}`), ['GET /me 200', 'POST /login 200', 'GET /me 401']);
  assert.match(await page.textContent('.stage .chip-withheld'), /sid/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('lab 2: where the token lives — localStorage, memory, an HttpOnly cookie', async () => {
  const { page, context, problems } = await openPage(browser);
  const loot = async () => {
    await act(page, 'attacker-steal-xss');
    return +(await page.getAttribute(byId('attacker-loot'), 'data-count'));
  };
  // local: the injected script reads the token
  await gotoReady(page, `${site.url}?lang=en&mode=token&token_store=local`);
  await login(page);
  assert.equal(await page.locator('[data-testid="stage-storage"][data-key="access_token"]').count(), 1);
  assert.ok((await loot()) >= 1, 'XSS reads localStorage');
  // memory: nothing in storage; a reload loses it and refreshes it with the rt cookie
  await gotoReady(page, `${site.url}?lang=en&mode=token&token_store=memory`);
  await login(page);
  assert.equal(await page.locator(byId('stage-memory')).count(), 1);
  assert.equal(await page.locator('[data-testid="stage-storage"][data-key="access_token"]').count(), 0);
  assert.equal(await loot(), 0, 'XSS finds no token');
  const before = (await entries(page)).length;
  await act(page, 'browser-reload');
  const after = (await entries(page)).slice(before);
  assert.deepEqual(after.map((r) => `${r.method} ${r.path} ${r.status}`), ['POST /token/refresh 200', 'GET /me 200']);
  assert.equal(await page.locator(byId('stage-memory')).count(), 1, 'a fresh token in memory');
  // cookie: HttpOnly, out of the script's reach, but attached by the browser itself
  await gotoReady(page, `${site.url}?lang=en&mode=token&token_store=cookie`);
  await login(page);
  await show(page, 'cookie-row');
  assert.equal(await page.getAttribute('[data-testid="cookie-row"][data-name="at"]', 'data-http-only'), 'true');
  assert.equal(await loot(), 0, 'XSS reads no HttpOnly cookie');
  await act(page, 'req-mypage');
  assert.equal((await lastEntry(page)).status, '200');
  assert.equal(await page.getAttribute('.stage .env[data-leg="out"]', 'data-credential'), 'cookie');
  // reloading keeps cookies and localStorage: one GET /me, 200
  const n = (await entries(page)).length;
  await act(page, 'browser-reload');
  assert.deepEqual((await entries(page)).slice(n).map((r) => `${r.path} ${r.status}`), ['/me 200']);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const lang of ['ko', 'en']) {
  test(`lab 3: log in with auth.example — the code flow with PKCE ends in a session cookie (${lang})`, async () => {
    const { page, context, problems } = await openPage(browser);
    await gotoReady(page, `${site.url}?lang=${lang}&mode=session`);
    await fill(page, 'login-username', 'alice');
    await fill(page, 'login-password', 'wonderland');
    await act(page, 'login-idp');
    const rows = await entries(page);
    const hosts = new Set(rows.map((r) => r.host));
    assert.deepEqual([...hosts].sort(), ['auth.example', 'playground.example']);
    // RFC 7636 §4.3: the authorization request carries the S256 challenge; the browser
    // goes to auth.example, comes back with the code and ends signed in at the site
    const idp = rows.filter((r) => r.host === 'auth.example');
    assert.ok(idp.some((r) => r.path.startsWith('/authorize')), JSON.stringify(idp));
    assert.equal(idp.every((r) => r.server === ''), true, 'auth.example is not one of the site servers');
    const back = rows.find((r) => r.host === 'playground.example' && r.path.startsWith('/callback'));
    assert.ok(back, 'the redirect back to the site');
    assert.equal(rows[rows.length - 1].status < '400', true);
    // on the stage: auth.example with its session and its redeemed code, the site's sid
    assert.equal(await page.locator('[data-testid="stage-actor"][data-actor="idp"]').count(), 1);
    assert.match(await page.textContent(byId('stage-idp-line')), lang === 'en' ? /1 session · 1 code \(1 redeemed\)/ : /세션 1개 · 인가 코드 1개\(교환 1개\)/);
    assert.equal(await page.locator('[data-testid="stage-cookie"][data-name="sid"]').count(), 1);
    assert.equal(await page.locator('[data-testid="stage-cookie"][data-name="idp_sid"]').count(), 1);
    assert.match(await page.textContent(byId('page-view')), /alice/);
    // the back channel: server → auth.example, as hops
    await show(page, 'hop');
    assert.ok((await page.locator('[data-testid="hop"][data-to="idp"]').count()) >= 1, 'a hop to auth.example');
    await screenshot(page, `lab-oauth-${lang}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('lab 3: the tour shows what fails — a forged state, a code without its verifier, a replayed code', async () => {
  const { page, context, problems } = await openPage(browser);
  const step = async (k) => {
    await gotoReady(page, `${site.url}?lang=en&scenario=oauth-pkce&step=${k}`);
    await page.waitForFunction(() => document.body.dataset.busy !== '1');
  };
  const steps = +(await (async () => { await step(1); return page.getAttribute(byId('tour-step'), 'data-steps'); })());
  assert.ok(steps >= 3 && steps <= 8, `${steps} steps`);
  // step 2: the callback with a state the site never issued: 400, no session
  await step(2);
  const forged = await lastEntry(page);
  assert.equal(forged.status, '400');
  assert.match(forged.path, /^\/callback/);
  assert.equal(await page.locator('[data-testid="stage-cookie"][data-name="sid"]').count(), 0);
  // the intercepted code without the verifier, then a replayed code: invalid_grant both times
  const seen = [];
  for (let k = 3; k <= steps; k++) {
    await step(k);
    await show(page, 'attacker-result');
    const status = await page.getAttribute(byId('attacker-result'), 'data-status');
    if (status) seen.push([status, (await page.textContent(byId('attacker-result'))).trim()]);
  }
  assert.ok(seen.some(([s, t]) => s === '400' && /code_verifier/.test(t)), JSON.stringify(seen));
  assert.ok(seen.some(([s, t]) => s === '400' && /already used/.test(t)), JSON.stringify(seen));
  assert.deepEqual(problems, []);
  await context.close();
});
