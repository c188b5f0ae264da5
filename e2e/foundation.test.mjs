// The built site loads cleanly, honours ?mode=, switches modes, and survives bad links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveSite, launch, openPage, gotoReady, byId, screenshot } from './harness.mjs';

let site, browser;
before(async () => { site = await serveSite(); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

const pressed = (page, id) => page.getAttribute(byId(id), 'aria-pressed');

test('loads with no console errors and no failed requests, then switches modes', async () => {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    const { page, context, problems, requests } = await openPage(browser, { width, height });
    await gotoReady(page, site.url);
    assert.equal(await pressed(page, 'mode-session'), 'true');
    // narrow screens keep the settings behind one button
    if (width < 1100) await page.click(byId('open-controls'));
    await page.click(byId('mode-token'));
    assert.equal(await pressed(page, 'mode-token'), 'true');
    assert.equal(await pressed(page, 'mode-session'), 'false');
    await screenshot(page, `foundation-${width}x${height}`);
    await page.click(byId('mode-stateless'));
    assert.equal(await pressed(page, 'mode-stateless'), 'true');
    assert.deepEqual(problems, []);
    const foreign = requests.filter((u) => !u.startsWith(site.origin) && !u.startsWith('data:'));
    assert.deepEqual(foreign, [], 'requests to other origins');
    await context.close();
  }
});

test('the page declares a Content-Security-Policy that allows only its own origin', async () => {
  const { page, context, problems } = await openPage(browser);
  await gotoReady(page, site.url);
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.doesNotMatch(csp, /https?:|\*/);
  // an injected inline script is refused
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.head.appendChild(s);
    return window.__injected === true;
  });
  assert.equal(ran, false);
  assert.ok(problems.every((p) => p.includes('Content Security Policy')), problems.join('\n'));
  await context.close();
});

test('?mode=token starts in token mode', async () => {
  const { page, context, problems } = await openPage(browser);
  await gotoReady(page, `${site.url}?mode=token`);
  assert.equal(await pressed(page, 'mode-token'), 'true');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bad ?mode= keeps the default and shows a notice', async () => {
  const { page, context, problems } = await openPage(browser);
  await gotoReady(page, `${site.url}?mode=cookie`);
  assert.equal(await pressed(page, 'mode-session'), 'true');
  const notice = await page.textContent(byId('url-notice'));
  assert.match(notice, /mode/);
  assert.match(notice, /cookie/);
  assert.deepEqual(problems, []);
  await context.close();
});
