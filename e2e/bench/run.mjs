// The browser half of `cargo xtask bench`: first-load bytes, cold start-up against the
// baseline, the simulation inside the page, the 100 000-user run, wasm memory.
// Usage: node e2e/bench/run.mjs <app-dir> <baseline-dir> <out.json> [loads=15]
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { serveSite, launch } from '../harness.mjs';

const [appDir, baseDir, out, loadsArg] = process.argv.slice(2);
const LOADS = +(loadsArg || 15);

// The first load is every html/js/wasm/css file the page loads to start; the engine's
// module (`split_*.wasm`, see xtask/src/split.rs) comes after start-up and is listed
// apart, as `lazy`.
const isLazy = (name) => name.startsWith('split_');

async function sizes(dir) {
  const files = [], lazy = [];
  for (const name of (await readdir(dir)).sort()) {
    if (!['.html', '.js', '.wasm', '.css'].includes(extname(name))) continue;
    const body = await readFile(join(dir, name));
    (isLazy(name) ? lazy : files).push({
      file: name,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  const total = (k) => files.reduce((s, f) => s + f[k], 0);
  return { files, lazy, total: { raw: total('raw'), gzip: total('gzip'), brotli: total('brotli') } };
}

// Records long tasks and the wasm instance from the first moment of the page.
const PROBE = () => {
  window.__longtasks = [];
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longtasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__wasm = e.detail && e.detail.wasm;
    window.__startedAt = performance.now();
  });
  const mark = () => {
    if (document.body && document.body.dataset.ready === '1' && !window.__readyAt) {
      window.__readyAt = performance.now();
      window.__benchReady();
    }
  };
  document.addEventListener('DOMContentLoaded', () => {
    mark();
    new MutationObserver(mark).observe(document.body, { attributes: true, attributeFilter: ['data-ready'] });
  });
};

async function coldLoad(browser, url, before) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const stop = before ? await before(page) : null;
  // The page tells node when it is ready (a binding installed before navigation):
  // `waitForFunction` would evaluate Playwright's injected script in the page, ~10 ms of
  // main-thread work that lands inside the app's start-up (after its load event) but
  // after the baseline's, and so would be counted against the app only.
  let readyNow;
  const ready = new Promise((ok, fail) => {
    readyNow = ok;
    setTimeout(() => fail(new Error(`${url}: not ready after 60 s`)), 60_000).unref();
  });
  await page.exposeFunction('__benchReady', () => readyNow());
  await page.addInitScript(PROBE);
  await page.goto(url);
  await ready;
  // Start-up is navigation → ready: the tasks that began before the page was ready (the
  // engine's module, fetched after start-up, is not part of it).
  const r = await page.evaluate(() => ({
    ready: window.__readyAt,
    longest: Math.max(0, ...window.__longtasks.filter(([at]) => at < window.__readyAt).map(([, d]) => d)),
    after: Math.max(0, ...window.__longtasks.filter(([at]) => at >= window.__readyAt).map(([, d]) => d)),
    memory: window.__wasm && window.__wasm.memory ? window.__wasm.memory.buffer.byteLength : null,
  }));
  return { page, context, stop, ...r };
}

// Where the start-up time goes: one cold load under Chromium's tracer. The tracer slows
// the page a little, so these figures explain the untraced medians rather than repeat
// them. Phases are ms after navigation start; `compiled` is the wasm functions V8
// compiled on their first call (it compiles lazily, on the main thread) before ready;
// `busy` is the main thread's work from the wasm's arrival to ready.
async function tracedLoad(browser, url) {
  const { page, context, ...r } = await coldLoad(browser, url, async (page) => {
    const cdp = await page.context().newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    await cdp.send('Tracing.start', { categories: 'disabled-by-default-devtools.timeline,devtools.timeline,v8.wasm,blink.user_timing', transferMode: 'ReportEvents' });
    return async () => {
      const done = new Promise((ok) => cdp.on('Tracing.tracingComplete', ok));
      await cdp.send('Tracing.end');
      await done;
      return events;
    };
  });
  const phases = await page.evaluate(() => {
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('_bg.wasm'));
    return { wasmReceived: wasm ? wasm.responseEnd : null, started: window.__startedAt, ready: window.__readyAt };
  });
  const events = await r.stop();
  await context.close();
  const renderer = events.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
  const main = (e) => renderer && e.pid === renderer.pid && e.tid === renderer.tid && e.ph === 'X';
  const nav = events.find((e) => e.name === 'navigationStart' && renderer && e.pid === renderer.pid)
    || events.find((e) => e.name === 'navigationStart');
  if (!nav) return { ...phases, compiled: null, compileMs: null, busyMs: null };
  const at = (e) => (e.ts - nav.ts) / 1000;
  const lazy = events.filter((e) => main(e) && e.name === 'wasm.CompileLazy' && at(e) >= 0 && at(e) <= phases.ready);
  // top-level tasks only (a nested one lies inside another), clipped to the window
  let end = -Infinity, busyMs = 0;
  for (const e of events.filter((e) => main(e) && e.name === 'RunTask').sort((a, b) => a.ts - b.ts)) {
    const from = at(e), to = at(e) + e.dur / 1000;
    if (from < end) continue;
    end = to;
    busyMs += Math.max(0, Math.min(to, phases.ready) - Math.max(from, phases.wasmReceived));
  }
  return {
    ...phases,
    compiled: lazy.length,
    compileMs: lazy.reduce((t, e) => t + e.dur / 1000, 0),
    busyMs,
  };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1], runs: s.length };
};

const appSite = await serveSite({ root: resolve(appDir) });
const baseSite = await serveSite({ root: resolve(baseDir) });
const browser = await launch();
const result = { sizes: { app: await sizes(appDir), baseline: await sizes(baseDir) } };

// start-up, alternating app and baseline, each load in a fresh context (cold cache)
const app = [], base = [], appLong = [], appAfter = [];
let memoryAfterStart = null;
for (let i = 0; i < LOADS; i++) {
  const a = await coldLoad(browser, appSite.url);
  app.push(a.ready); appLong.push(a.longest); appAfter.push(a.after); memoryAfterStart = a.memory;
  await a.context.close();
  const b = await coldLoad(browser, baseSite.url);
  base.push(b.ready);
  await b.context.close();
}
result.startup = { app: stats(app), baseline: stats(base), ratio: stats(app).median / stats(base).median, longestTask: Math.max(...appLong), longestTaskAfterReady: Math.max(...appAfter) };
// the traced loads: five of each
{
  const traced = { app: [], baseline: [] };
  for (let i = 0; i < 5; i++) {
    traced.app.push(await tracedLoad(browser, appSite.url));
    traced.baseline.push(await tracedLoad(browser, baseSite.url));
  }
  // the figures of the load with the median ready time (medians taken one by one
  // could come from different loads and not add up)
  const middle = (rows) => [...rows].sort((a, b) => a.ready - b.ready)[Math.floor(rows.length / 2)];
  result.startup.breakdown = { app: middle(traced.app), baseline: middle(traced.baseline) };
}

// the simulation inside the page, and the 100 000-user run
{
  const { page, context } = await coldLoad(browser, `${appSite.url}?mode=session`);
  const hasApi = await page.evaluate(() => !!(window.wasmBindings && window.wasmBindings.bench_sim));
  if (hasApi) {
    result.wasm = await page.evaluate(async () => {
      await window.wasmBindings.bench_ready();
      const out = {};
      for (const kind of ['session', 'token', 'floor']) {
        window.wasmBindings.bench_sim(kind, 2000); // warm-up
        let n = 2000, ms = 0;
        while (ms < 300) { n *= 2; const t = performance.now(); window.wasmBindings.bench_sim(kind, n); ms = performance.now() - t; }
        out[kind] = { nsPerOp: (ms * 1e6) / n, perSecond: n / (ms / 1000), iterations: n };
      }
      return out;
    });
  }
  await page.evaluate(() => { window.__longtasks = []; });
  await page.fill('[data-testid="simulate-users-count"]', '100000');
  const t0 = Date.now();
  await page.click('[data-testid="simulate-users"]');
  await page.waitForFunction(() => !document.querySelector('[data-testid="simulate-progress"]') && document.querySelector('[data-testid="simulate-summary"]'), null, { timeout: 120_000 });
  const wall = Date.now() - t0;
  const after = await page.evaluate(() => ({
    longest: Math.max(0, ...window.__longtasks.map(([, d]) => d)),
    memory: window.__wasm && window.__wasm.memory ? window.__wasm.memory.buffer.byteLength : null,
    summary: document.querySelector('[data-testid="simulate-summary"]').textContent,
  }));
  result.bulk = { users: 100000, wallMs: wall, longestTask: after.longest, summary: after.summary };
  result.memory = { afterStart: memoryAfterStart, afterBulk: after.memory };
  await context.close();
}

await browser.close();
await appSite.close();
await baseSite.close();
await writeFile(out, JSON.stringify(result, null, 2));
console.log(`bench: wrote ${out}`);
