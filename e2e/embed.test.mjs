// Embedding, sharing and exports: the sample blog post under a sub-path, the height
// protocol, a sandboxed iframe, copy-embed, HAR (schema-checked) and Mermaid (parsed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { serveSite, launch, openPage, gotoReady, byId, screenshot, act, show, OUT_DIR } from './harness.mjs';

const require = createRequire(import.meta.url);
const here = (rel) => new URL(rel, import.meta.url).pathname;
const EXAMPLE = here('../examples/embed.html');
let site, browser, scratch;

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ap-e2e-'));
  await writeFile(join(scratch, 'sandboxed.html'), `<!doctype html><html><head><link rel="icon" href="data:,"></head><body>
    <iframe id="sb" sandbox="allow-scripts" src="auth/?embed=1&scenario=session-login&lang=en" style="width:100%;height:900px"></iframe></body></html>`);
  await writeFile(join(scratch, 'below.html'), `<!doctype html><html><head><link rel="icon" href="data:,"></head><body>
    <div style="height:3000px">A long post.</div>
    <iframe id="below" src="auth/?embed=1&mode=session&lang=en" style="width:760px;height:720px"></iframe></body></html>`);
  await writeFile(join(scratch, 'mermaid.html'), `<!doctype html><html><head><link rel="icon" href="data:,"></head><body>
    <script type="module">import mermaid from '/mermaid/mermaid.esm.min.mjs'; mermaid.initialize({ startOnLoad: false }); window.mermaid = mermaid; window.mermaidReady = true;</script></body></html>`);
  site = await serveSite({
    base: '/blog/auth/',
    mounts: { '/mermaid/': here('node_modules/mermaid/dist/') },
    files: { '/blog/embed.html': EXAMPLE, '/blog/below.html': join(scratch, 'below.html'), '/blog/sandboxed.html': join(scratch, 'sandboxed.html'), '/test/mermaid.html': join(scratch, 'mermaid.html') },
  });
  browser = await launch();
});
after(async () => { await browser?.close(); await site?.close(); });

const foreign = (requests) => requests.filter((u) => !u.startsWith(site.origin) && !u.startsWith('data:') && !u.startsWith('blob:'));

test('the sample blog post under /blog/: both iframes load, report their height and get resized', async () => {
  const { page, context, problems, requests } = await openPage(browser, { width: 1000, height: 900 });
  await page.goto(`${site.origin}/blog/embed.html`);
  const heights = {};
  for (const [id, lang] of [['embed-ko', 'ko'], ['embed-en', 'en']]) {
    const el = page.locator(byId(id));
    await el.scrollIntoViewIfNeeded();
    const frame = await (await el.elementHandle()).contentFrame();
    await frame.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
    assert.equal(await frame.getAttribute('html', 'lang'), lang);
    assert.equal(await frame.locator('.brand').isVisible(), false, 'no page chrome in embed mode');
    assert.equal(await frame.locator('.open-full').count(), 1);
    assert.ok((await frame.textContent(byId('tour-text'))).trim().length > 10);
    await page.waitForFunction((sel) => document.querySelector(sel).style.height.endsWith('px'), byId(id), { timeout: 10_000 });
    heights[id] = await el.evaluate((f) => parseInt(f.style.height, 10));
    assert.ok(heights[id] > 300, `${id} resized to ${heights[id]}`);
    // the frame takes the content's height, which a tour step keeps within 720 px
    const content = await frame.evaluate(() => document.body.scrollHeight);
    assert.ok(Math.abs(heights[id] - content) <= 1 && heights[id] <= 720, `${id}: frame ${heights[id]}, content ${content}`);
  }
  await screenshot(page, 'embed-blog-post');
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign(requests), [], 'only the own origin is asked');
  await context.close();
});

test('an embed scrolled out of view pauses its messages, and goes on when it is seen', async () => {
  const { page, context, problems } = await openPage(browser, { reducedMotion: 'no-preference' });
  await page.goto(`${site.origin}/blog/below.html`);
  const frame = await (await page.$('#below')).contentFrame();
  await frame.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
  // a click from script: the frame stays where it is, below the fold
  await frame.evaluate(() => document.querySelector('[data-testid="login-submit"]').click());
  await page.waitForTimeout(1500);
  const held = await frame.evaluate(() => ({ busy: document.body.dataset.busy, twin: document.querySelectorAll('[data-testid="stage-twin"] li').length }));
  assert.equal(held.busy, '1', 'still playing');
  assert.ok(held.twin < 4, `${held.twin} of 4 hops shown while off-screen`);
  await page.evaluate(() => document.querySelector('#below').scrollIntoView());
  await frame.waitForFunction(() => document.body.dataset.busy !== '1', null, { timeout: 10_000 });
  assert.equal(await frame.locator('[data-testid="stage-twin"] li').count(), 4);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a sandboxed iframe without allow-same-origin still runs a scenario', async () => {
  const { page, context, problems, requests } = await openPage(browser);
  await page.goto(`${site.origin}/blog/sandboxed.html`);
  const frame = await (await page.$('#sb')).contentFrame();
  await frame.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
  assert.equal(await frame.getAttribute(byId('tour-step'), 'data-step'), '1');
  await frame.click(byId('tour-next'));
  await frame.click(byId('tour-next'));
  assert.equal(await frame.getAttribute(byId('tour-step'), 'data-step'), '3');
  assert.ok(await frame.locator('.stage .env').count() >= 1, 'messages on the stage');
  await frame.click(byId('tab-network'));
  await frame.waitForSelector(byId('net-entry'));
  assert.ok(await frame.locator(byId('net-entry')).count() >= 1);
  assert.match(await frame.textContent(byId('storage-notice')), /memory/i);
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign(requests), []);
  await context.close();
});

test('HAR export validates against HAR 1.2 and matches the network list', async () => {
  const { page, context, problems } = await openPage(browser);
  await gotoReady(page, `${site.url}?mode=session&servers=2&store=shared`);
  await act(page, 'login-submit');
  await act(page, 'req-mypage');
  await act(page, 'req-flight-quote');
  await show(page, 'net-entry');
  await show(page, 'export-har');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(byId('export-har'))]);
  const har = JSON.parse(await readFile(await download.path(), 'utf8'));
  await writeFile(join(OUT_DIR, 'export.har'), JSON.stringify(har, null, 1));
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  const schemas = require('har-schema');
  for (const [name, schema] of Object.entries(schemas)) ajv.addSchema(schema, name + '.json');
  const ok = ajv.validate('har.json', har);
  assert.ok(ok, JSON.stringify(ajv.errors, null, 1));
  const rows = await page.$$eval(byId('net-entry'), (rs) => rs.map((r) => ({ ...r.dataset })));
  assert.equal(har.log.entries.length, rows.length);
  har.log.entries.forEach((e, i) => {
    assert.equal(e.request.method, rows[i].method);
    assert.equal(new URL(e.request.url).pathname, rows[i].path);
    assert.equal(String(e.response.status), rows[i].status);
    assert.equal(e.request.headersSize + e.request.bodySize + e.response.headersSize + e.response.bodySize, +rows[i].bytes);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('Mermaid export parses with mermaid, and copy-embed gives an iframe line', async () => {
  const { page, context, problems } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
  await gotoReady(page, `${site.url}?mode=token&servers=2&lang=en`);
  await act(page, 'login-submit');
  await act(page, 'req-mypage');
  await act(page, 'attacker-steal-xss');
  await act(page, 'attacker-replay');
  await show(page, 'export-mermaid');
  await page.click(byId('export-mermaid'));
  await page.waitForFunction(() => document.querySelector('.share .status').textContent.length > 0);
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(text, /^sequenceDiagram\n/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(byId('export-mermaid-download'))]);
  assert.equal(await readFile(await download.path(), 'utf8'), text);
  await page.click(byId('copy-embed'));
  await page.waitForFunction(() => /Copied/.test(document.querySelector('.share .status').textContent));
  const code = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(code, new RegExp(`^<iframe src="${site.url.replace(/[.?]/g, '\\$&')}\\?embed=1&amp;mode=token&amp;lang=en`));
  assert.match(code, /title="[^"]+" loading="lazy" width="100%" height="\d+"/);
  assert.match(code, /<a href="[^"]+">[^<]+<\/a><\/iframe>$/);

  const checker = await context.newPage();
  await checker.goto(`${site.origin}/test/mermaid.html`);
  await checker.waitForFunction(() => window.mermaidReady === true, null, { timeout: 30_000 });
  const parsed = await checker.evaluate(async (t) => { try { return await window.mermaid.parse(t); } catch (e) { return String(e); } }, text);
  assert.ok(parsed && parsed.diagramType === 'sequence', JSON.stringify(parsed));
  const bad = await checker.evaluate(async () => { try { await window.mermaid.parse('sequenceDiagram\n a->>: ?'); return 'parsed'; } catch { return 'rejected'; } });
  assert.equal(bad, 'rejected', 'the parser does reject broken text');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the clipboard refused: the embed code appears in a text box to copy by hand', async () => {
  const { page, context, problems } = await openPage(browser);
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
  });
  await gotoReady(page, `${site.url}?mode=session`);
  await show(page, 'copy-embed');
  await page.click(byId('copy-embed'));
  const box = page.locator(byId('copy-fallback'));
  await box.waitFor();
  assert.match(await box.inputValue(), /^<iframe /);
  assert.deepEqual(problems, []);
  await context.close();
});
