// Nothing the page shows is false, and in Korean it speaks one voice: every tour walked
// to its end exports a HAR in which no request carries two Cookie headers (RFC 6265
// §5.4) and every 401 carries WWW-Authenticate (RFC 9110 §15.5.2); the JWT inspector
// explains an empty or garbled token in calm Korean, without an English parser message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveSite, launch, openPage, gotoReady, byId, act, show, OUT_DIR } from './harness.mjs';

let site, browser;
before(async () => { site = await serveSite(); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

const idle = (page) => page.waitForFunction(() => document.body.dataset.busy !== '1');
const headers = (list, name) => list.filter((h) => h.name.toLowerCase() === name);

test('every tour, walked to its end: one Cookie header per request, a challenge on every 401', async () => {
  const { page, context, problems } = await openPage(browser);
  await gotoReady(page, `${site.url}?lang=en`);
  let entries = 0;
  let unauthorized = 0;
  // Every tour the page lists (the registry's), the labs included.
  const ids = await page.$$eval(`${byId('scenario-select')} option`, (os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(ids.length >= 15 && ids.includes('oauth-pkce'), ids.join(', '));
  const hosts = new Set();
  for (const id of ids) {
    await page.selectOption(byId('scenario-select'), id);
    await idle(page);
    const total = +(await page.getAttribute(byId('tour-step'), 'data-steps'));
    for (let k = 1; k < total; k++) {
      await page.click(byId('tour-next'));
      await idle(page);
    }
    assert.equal(await page.getAttribute(byId('tour-step'), 'data-step'), String(total), `${id} at its last step`);
    await show(page, 'export-har');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(byId('export-har'))]);
    const har = JSON.parse(await readFile(await download.path(), 'utf8'));
    await writeFile(join(OUT_DIR, `tour-${id}.har`), JSON.stringify(har, null, 1));
    assert.ok(har.log.entries.length > 0, `${id}: an empty HAR`);
    for (const e of har.log.entries) {
      const where = `${id}: ${e.request.method} ${e.request.url} → ${e.response.status}`;
      hosts.add(new URL(e.request.url).host);
      // RFC 6265 §5.4: the user agent sends at most one Cookie header.
      assert.ok(headers(e.request.headers, 'cookie').length <= 1, `${where}: two Cookie headers`);
      // RFC 9110 §15.5.2: a 401 carries WWW-Authenticate.
      if (e.response.status === 401) {
        unauthorized++;
        assert.equal(headers(e.response.headers, 'www-authenticate').length, 1, `${where}: no challenge`);
      }
    }
    entries += har.log.entries.length;
  }
  assert.ok(entries > 80, `${entries} requests in all`);
  // the HAR shows the browser's requests to both hosts (the labs' auth.example)
  assert.deepEqual([...hosts].sort(), ['auth.example', 'playground.example']);
  assert.ok(unauthorized >= 12, `${unauthorized} 401s in all`);
  assert.deepEqual(problems, []);
  await context.close();
});

// English a parser (serde_json, base64) or the English page would leave behind.
const ENGLISH = /\b(expected|EOF|line \d|column|Invalid|invalid|trailing|parsing|not base64url|not JSON|no token was sent|the (header|payload|signature))\b/;

test('the JWT inspector explains an empty or garbled token in Korean', async () => {
  const { page, context, problems } = await openPage(browser, { locale: 'ko-KR' });
  await gotoReady(page, `${site.url}?mode=token&lang=ko`);
  await act(page, 'login-submit');
  await show(page, 'jwt-verdict');
  assert.equal(await page.getAttribute(byId('jwt-verdict'), 'data-valid'), 'true');
  // What the inspector says, without the token's own echo.
  const said = () => page.$eval('section.jwt', (s) => {
    const copy = s.cloneNode(true);
    copy.querySelectorAll('.jwt-colored, textarea').forEach((e) => e.remove());
    return copy.innerText;
  });
  for (const garbage of ['', 'garbled', 'a.b', 'eyJ.eyJ.x', '!!!.???.***', 'e30.e30.', 'eyJhbGciOiJub25lIn0.e30.']) {
    await page.fill(byId('jwt-encoded'), garbage);
    await idle(page);
    assert.equal(await page.getAttribute(byId('jwt-verdict'), 'data-valid'), 'false', garbage);
    const verdict = await page.textContent(byId('jwt-verdict'));
    assert.match(verdict, /[가-힣]/, `${JSON.stringify(garbage)}: the verdict is not Korean: ${verdict}`);
    const text = await said();
    assert.doesNotMatch(text, ENGLISH, `${JSON.stringify(garbage)}: English reached the inspector:\n${text}`);
    assert.doesNotMatch(text, /니다(\.|\s|$)/m, `${JSON.stringify(garbage)}: 합니다체`);
  }
  // An empty editor: one calm line, no list of parser errors.
  await page.fill(byId('jwt-encoded'), '');
  await idle(page);
  assert.equal(await page.locator('section.jwt .problems li').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});
