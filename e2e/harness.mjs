// Shared e2e harness: a static server for the built site on a free loopback port, and a
// headless Chromium page that records console errors, failed requests and every URL asked.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.mjs': 'text/javascript', '.mmd': 'text/plain',
};

export const SITE_DIR = resolve(process.env.SITE_DIR || '../target/e2e-site');
export const OUT_DIR = resolve(process.env.E2E_OUT || '../target/e2e');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/**
 * Serves the built site under the URL prefix `base` (e.g. '/blog/auth/') on
 * 127.0.0.1:<free port>, plus `mounts` (URL prefix → directory) and `files` (URL → file).
 * Every response allows any origin (as static hosts do), so a sandboxed iframe
 * without allow-same-origin — an opaque origin — can still load the wasm.
 * With `gzip`, html/js/wasm/css/json bodies go out `Content-Encoding: gzip` (level 9,
 * compressed once per file) to a client that accepts it, as a static host serves them.
 */
export async function serveSite({ root = SITE_DIR, base = '/', mounts = {}, files = {}, gzip = false } = {}) {
  const packed = new Map();
  const compressible = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json']);
  const table = [[base, root], ...Object.entries(mounts)].sort((a, b) => b[0].length - a[0].length);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const headers = (file) => ({ 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'access-control-allow-origin': '*' });
    if (files[path]) {
      res.writeHead(200, headers(files[path]));
      res.end(await readFile(files[path]));
      return;
    }
    const hit = table.find(([prefix]) => path.startsWith(prefix));
    if (!hit) { res.writeHead(404); res.end('not found'); return; }
    const [prefix, dir] = hit;
    let rel = path.slice(prefix.length) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(dir, rel));
    if (!file.startsWith(dir)) { res.writeHead(403); res.end(); return; }
    try {
      const body = await readFile(file);
      if (gzip && compressible.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        if (!packed.has(file)) packed.set(file, gzipSync(body, { level: 9 }));
        res.writeHead(200, { ...headers(file), 'content-encoding': 'gzip', vary: 'accept-encoding' });
        res.end(packed.get(file));
        return;
      }
      res.writeHead(200, headers(file));
      res.end(body);
    } catch {
      res.writeHead(404); res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, url: `http://127.0.0.1:${port}${base}`, close: () => new Promise((ok) => server.close(ok)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh page that collects problems: console errors, page errors, failed or non-2xx requests. */
export async function openPage(browser, { width = 1280, height = 800, locale = 'en-US', colorScheme = 'light', reducedMotion = 'reduce', bypassCSP = false } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale, colorScheme, reducedMotion, bypassCSP });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return { page, context, problems, requests };
}

/** Navigates and waits until the app says it is interactive. */
export async function gotoReady(page, url) {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
}

export const byId = (id) => `[data-testid="${id}"]`;

export async function screenshot(page, name) {
  await mkdir(OUT_DIR, { recursive: true });
  await page.screenshot({ path: join(OUT_DIR, `${name}.png`), fullPage: false });
}

/** The last row of the network list, as its data attributes (the network tab is built first). */
export async function lastEntry(page) {
  if (!(await page.$('#details-network'))) await show(page, 'net-entry');
  return page.$$eval('[data-testid="net-entry"]', (rows) => {
    const r = rows[rows.length - 1];
    return r ? { ...r.dataset } : null;
  });
}

/** Which details tab holds an element of the UI contract (docs/ui-contract.md, "Where"). */
export const TAB_OF = {
  'cookie-row': 'browser', 'storage-row': 'browser',
  'net-entry': 'network', 'net-raw-request': 'network', 'net-raw-response': 'network', hop: 'network',
  'server-card': 'servers', 'session-row': 'servers', 'revoke-session': 'servers', 'user-row': 'servers',
  'jwt-secret': 'servers', 'rotate-secret': 'servers', 'server-restart': 'servers', 'shared-store': 'servers',
  'balancer-card': 'servers',
  'meter-credential-bytes': 'meters', 'meter-total-bytes': 'meters', 'meter-store-bytes': 'meters',
  'meter-lookups': 'meters', 'meter-verifications': 'meters', 'simulate-users': 'meters',
  'simulate-users-count': 'meters', 'simulate-progress': 'meters', 'simulate-summary': 'meters',
  'jwt-encoded': 'jwt', 'jwt-header': 'jwt', 'jwt-payload': 'jwt', 'jwt-signature': 'jwt', 'jwt-verdict': 'jwt',
  'jwt-send': 'jwt', 'jwt-payload-editor': 'jwt', 'jwt-apply-payload': 'jwt',
  'attacker-steal-xss': 'attacker', 'attacker-steal-sniff': 'attacker', 'attacker-loot': 'attacker',
  'attacker-replay': 'attacker', 'attacker-result': 'attacker',
  'export-mermaid': 'share', 'export-mermaid-download': 'share', 'export-har': 'share', 'copy-embed': 'share',
};

/** The browser's actions, folded behind `open-actions` in an embed. */
const ACTIONS = /^(login-|req-|browser-reload)/;

/** Makes an element of the contract visible: one click on its tab, or on `open-actions`. */
export async function show(page, testid) {
  const tab = TAB_OF[testid];
  if (tab) {
    const t = page.locator(`[data-testid="tab-${tab}"]`);
    if ((await t.getAttribute('aria-selected')) !== 'true') await t.click();
    await page.waitForSelector(`#details-${tab} > :not(.loading)`, { state: 'attached', timeout: 10_000 });
    await page.waitForFunction(() => document.body.dataset.busy !== '1');
  } else if (ACTIONS.test(testid)) {
    const open = page.locator('[data-testid="open-actions"]');
    if ((await open.count()) && (await open.getAttribute('aria-expanded')) !== 'true') await open.click();
  }
}

/** Builds every details tab once (tabs are built on first show, then kept), and comes back to the first. */
export async function buildTabs(page) {
  for (const tab of ['network', 'servers', 'meters', 'jwt', 'attacker', 'share', 'browser']) {
    await page.click(`[data-testid="tab-${tab}"]`);
    await page.waitForSelector(`#details-${tab} > :not(.loading)`, { timeout: 10_000 });
  }
  await page.waitForFunction(() => document.body.dataset.busy !== '1');
}

/** Clicks a control (showing it first) and waits until the app is idle again. */
export async function act(page, testid) {
  await show(page, testid);
  await page.click(`[data-testid="${testid}"]`);
  await page.waitForFunction(() => document.body.dataset.busy !== '1');
}

/** Fills a text field of the contract (showing it first). */
export async function fill(page, testid, text) {
  await show(page, testid);
  await page.fill(`[data-testid="${testid}"]`, text);
}
