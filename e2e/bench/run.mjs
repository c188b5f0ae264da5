// The browser half of `cargo xtask bench`: first-load bytes, the bytes of a whole view,
// cold start-up and first paint against the baseline (loopback, and a phone profile),
// the simulation inside the page, the 100 000-user run, wasm memory.
// Usage: node e2e/bench/run.mjs <app-dir> <baseline-dir> <out.json> [loads=15] [phone loads=7] [reps=7]
// (env SIM_RUNS: the native runner of benches/sim_runs.rs, for the paired wasm/native runs)
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { serveSite, launch } from '../harness.mjs';

const [appDir, baseDir, out, loadsArg, phoneArg, repsArg] = process.argv.slice(2);
const LOADS = +(loadsArg || 15);
const PHONE_LOADS = Math.max(7, +(phoneArg || 7));
const REPS = Math.max(5, +(repsArg || 7));
/** The window of "a whole view": what the page downloads this long after it is opened. */
const VIEW_MS = 3000;
/**
 * The phone profile: CPU 4× slower (CDP `Emulation.setCPUThrottlingRate`) and a slow
 * mobile network (`Network.emulateNetworkConditions`: 1.6 Mbps down, 750 kbps up,
 * 150 ms round trip), cache disabled, a phone-sized viewport.
 */
const PHONE = {
  cpuRate: 4,
  network: { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
  viewport: { width: 390, height: 844 },
};

// The first load is every html/js/wasm/css file the page loads to start; the engine's
// module (`split_*.wasm`, see xtask/src/split.rs) comes after start-up and is listed
// apart, as `lazy`.
const isLazy = (name) => name.startsWith('split_');
const gzip9 = (body) => gzipSync(body, { level: 9 }).length;

async function sizes(dir) {
  const files = [], lazy = [];
  for (const name of (await readdir(dir)).sort()) {
    if (!['.html', '.js', '.wasm', '.css'].includes(extname(name))) continue;
    const body = await readFile(join(dir, name));
    (isLazy(name) ? lazy : files).push({
      file: name,
      raw: body.length,
      gzip: gzip9(body),
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  const total = (k) => files.reduce((s, f) => s + f[k], 0);
  return { files, lazy, total: { raw: total('raw'), gzip: total('gzip'), brotli: total('brotli') } };
}

// Installed before navigation, in app and baseline alike. Records from the first moment
// of the page: long tasks, paint entries, layout shifts and the wasm instance. Once
// `body[data-ready]` appears it waits for the frame that draws the ready page and the
// one after it (so the shifts of swapping in the live page are in), then for the
// first-contentful-paint entry, and only then tells node (`__benchReady`): nothing of
// the harness runs in the page before that.
const PROBE = () => {
  window.__longtasks = [];
  window.__paints = {};
  window.__shifts = [];
  const watch = (type, each) => {
    try {
      const o = new PerformanceObserver((l) => { for (const e of l.getEntries()) each(e); });
      o.observe({ type, buffered: true });
      return { o, each };
    } catch { return null; }
  };
  let painted;
  const fcp = new Promise((ok) => { painted = ok; });
  watch('longtask', (e) => window.__longtasks.push([e.startTime, e.duration]));
  watch('paint', (e) => {
    window.__paints[e.name] = e.startTime;
    if (e.name === 'first-contentful-paint') painted();
  });
  const shifts = watch('layout-shift', (e) => window.__shifts.push([e.startTime, e.value, e.hadRecentInput]));
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__wasm = e.detail && e.detail.wasm;
    window.__startedAt = performance.now();
  });
  const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
  const mark = async () => {
    if (!(document.body && document.body.dataset.ready === '1') || window.__readyAt) return;
    window.__readyAt = performance.now();
    await frame();
    await frame();
    window.__settledAt = performance.now();
    // shifts already measured but not yet handed to the observer's callback
    if (shifts) for (const e of shifts.o.takeRecords()) shifts.each(e);
    await Promise.race([fcp, new Promise((ok) => setTimeout(ok, 30_000))]);
    window.__benchReady();
  };
  document.addEventListener('DOMContentLoaded', () => {
    mark();
    new MutationObserver(mark).observe(document.body, { attributes: true, attributeFilter: ['data-ready'] });
  });
};

/** Sets the phone profile on a page (before navigation) through its own CDP session. */
async function phone(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', PHONE.network);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuRate });
  return null;
}

async function coldLoad(browser, url, { before, profile } = {}) {
  const context = await browser.newContext(profile === 'phone'
    ? { viewport: PHONE.viewport, isMobile: true, hasTouch: true, reducedMotion: 'reduce' }
    : { viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const stop = before ? await before(page) : null;
  if (profile === 'phone') await phone(page);
  // The page tells node when it is ready (a binding installed before navigation):
  // `waitForFunction` would evaluate Playwright's injected script in the page, ~10 ms of
  // main-thread work that lands inside the app's start-up (after its load event) but
  // after the baseline's, and so would be counted against the app only.
  let readyNow;
  const ready = new Promise((ok, fail) => {
    readyNow = ok;
    setTimeout(() => fail(new Error(`${url}: not ready after 90 s`)), 90_000).unref();
  });
  await page.exposeFunction('__benchReady', () => readyNow());
  await page.addInitScript(PROBE);
  await page.goto(url);
  await ready;
  // Start-up is navigation → ready: the tasks that began before the page was ready (the
  // engine's module, fetched after start-up, is not part of it). First paint is the
  // first-contentful-paint entry; the layout shift is the sum of the shifts without
  // recent input up to the frame after ready (the one that shows the live page).
  const r = await page.evaluate(() => {
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('_bg.wasm'));
    const counted = window.__shifts.filter(([, , input]) => !input);
    return {
      ready: window.__readyAt,
      fcp: window.__paints['first-contentful-paint'] ?? null,
      cls: counted.reduce((s, [, v]) => s + v, 0),
      shifts: counted.length,
      longest: Math.max(0, ...window.__longtasks.filter(([at]) => at < window.__readyAt).map(([, d]) => d)),
      after: Math.max(0, ...window.__longtasks.filter(([at]) => at >= window.__readyAt).map(([, d]) => d)),
      memory: window.__wasm && window.__wasm.memory ? window.__wasm.memory.buffer.byteLength : null,
      wasm: wasm ? { start: wasm.startTime, end: wasm.responseEnd, transfer: wasm.transferSize } : null,
    };
  });
  return { page, context, stop, ...r };
}

// Where the start-up time goes: one cold load under Chromium's tracer. The tracer slows
// the page a little, so these figures explain the untraced medians rather than repeat
// them. Phases are ms after navigation start; `compiled` is the wasm functions V8
// compiled on their first call (it compiles lazily, on the main thread) before ready;
// `busy` is the main thread's work from the wasm's arrival to ready.
async function tracedLoad(browser, url) {
  const { page, context, ...r } = await coldLoad(browser, url, {
    before: async (page) => {
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
    },
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

/**
 * The bytes of a whole view: one cold load on loopback, every response whose request
 * started within `VIEW_MS` of the document's request (the engine's module included:
 * the page fetches it after ready), each body (decoded) compressed with gzip -9.
 * Also the layout shift over the whole window (shifts after ready included).
 */
async function viewBytes(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const finished = [], failed = [], inflight = new Set();
  page.on('request', (r) => inflight.add(r));
  page.on('requestfinished', (r) => { inflight.delete(r); finished.push(r); });
  page.on('requestfailed', (r) => { inflight.delete(r); failed.push(`${r.url()} ${r.failure()?.errorText}`); });
  await page.addInitScript(() => {
    window.__shifts = [];
    try {
      new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value); })
        .observe({ type: 'layout-shift', buffered: true });
    } catch {}
  });
  const opened = Date.now();
  await page.goto(url);
  await page.waitForTimeout(Math.max(0, VIEW_MS - (Date.now() - opened)));
  // let what started inside the window finish
  for (const until = Date.now() + 30_000; inflight.size && Date.now() < until;) await page.waitForTimeout(50);
  const cls = await page.evaluate(() => window.__shifts.reduce((s, v) => s + v, 0));
  const doc = finished.find((r) => r.resourceType() === 'document');
  const t0 = doc ? doc.timing().startTime : opened;
  const files = [];
  for (const r of finished) {
    const startMs = r.timing().startTime - t0;
    if (startMs > VIEW_MS) continue;
    const response = await r.response();
    const body = response ? await response.body() : Buffer.alloc(0);
    files.push({ url: new URL(r.url()).pathname.split('/').pop() || 'index.html', status: response?.status() ?? null, startMs: Math.round(startMs), raw: body.length, gzip: gzip9(body) });
  }
  await context.close();
  files.sort((a, b) => a.startMs - b.startMs);
  const total = { raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
  return { windowMs: VIEW_MS, files, total, engineIncluded: files.some((f) => isLazy(f.url)), failed, clsInWindow: cls };
}

const stats = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  return { median: s.length ? s[Math.floor(s.length / 2)] : null, min: s[0] ?? null, max: s[s.length - 1] ?? null, runs: s.length, missing: xs.length - s.length };
};
const ratio = (a, b) => (a.median != null && b.median ? a.median / b.median : null);

// Every load of the bench is served gzip'd, as a static host serves the site.
const appSite = await serveSite({ root: resolve(appDir), gzip: true });
const baseSite = await serveSite({ root: resolve(baseDir), gzip: true });
// Each file compressed once before anything is timed (the server keeps the gzip'd body).
for (const [site, dir] of [[appSite, appDir], [baseSite, baseDir]]) {
  for (const name of await readdir(dir)) await (await fetch(site.url + name, { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer();
}
const browser = await launch();
const result = { sizes: { app: await sizes(appDir), baseline: await sizes(baseDir) }, served: 'gzip -9 (Content-Encoding)' };

// start-up and first paint on loopback, alternating app and baseline, each load in a
// fresh context (cold cache)
{
  const rows = { app: [], baseline: [] };
  let memoryAfterStart = null;
  for (let i = 0; i < LOADS; i++) {
    for (const [who, site] of [['app', appSite], ['baseline', baseSite]]) {
      const l = await coldLoad(browser, site.url);
      rows[who].push(l);
      if (who === 'app') memoryAfterStart = l.memory;
      await l.context.close();
    }
  }
  const pick = (who, k) => rows[who].map((l) => l[k]);
  const [app, base] = [stats(pick('app', 'ready')), stats(pick('baseline', 'ready'))];
  result.startup = {
    app, baseline: base, ratio: ratio(app, base),
    longestTask: Math.max(...pick('app', 'longest')),
    loadsWithLongTask: pick('app', 'longest').filter((d) => d > 50).length,
    longestTaskAfterReady: Math.max(...pick('app', 'after')),
  };
  const [fa, fb] = [stats(pick('app', 'fcp')), stats(pick('baseline', 'fcp'))];
  result.firstPaint = {
    app: fa, baseline: fb, ratio: ratio(fa, fb),
    cls: { app: stats(pick('app', 'cls')), baseline: stats(pick('baseline', 'cls')), appShifts: pick('app', 'shifts') },
  };
  result.memory = { afterStart: memoryAfterStart };
}

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

// the phone profile, alternating, cold
{
  const rows = { app: [], baseline: [] };
  for (let i = 0; i < PHONE_LOADS; i++) {
    for (const [who, site] of [['app', appSite], ['baseline', baseSite]]) {
      const l = await coldLoad(browser, site.url, { profile: 'phone' });
      rows[who].push(l);
      await l.context.close();
    }
  }
  const pick = (who, k) => rows[who].map((l) => l[k]);
  const side = (who) => ({ fcp: stats(pick(who, 'fcp')), ready: stats(pick(who, 'ready')), cls: stats(pick(who, 'cls')) });
  const app = side('app'), baseline = side('baseline');
  // The throttle must show: the app's main wasm at 1.6 Mbps takes (gzip bytes) / 200 kB/s.
  const wasmMs = stats(rows.app.map((l) => (l.wasm ? l.wasm.end - l.wasm.start : null)));
  const wasmBytes = rows.app.find((l) => l.wasm)?.wasm.transfer ?? null;
  const expectMs = wasmBytes ? (wasmBytes / PHONE.network.downloadThroughput) * 1000 : null;
  if (expectMs != null && wasmMs.median != null && wasmMs.median < 0.8 * expectMs) {
    throw new Error(`phone profile not in force: the main wasm (${wasmBytes} B) took ${wasmMs.median} ms, expected ≥ ${Math.round(expectMs)} ms`);
  }
  result.phone = {
    profile: { cpuThrottling: PHONE.cpuRate, downKbps: 1600, upKbps: 750, rttMs: PHONE.network.latency, viewport: PHONE.viewport, cache: 'disabled, fresh context' },
    app, baseline,
    fcpRatio: ratio(app.fcp, baseline.fcp),
    readyRatio: ratio(app.ready, baseline.ready),
    appWasmTransfer: { bytes: wasmBytes, ms: wasmMs, expectedMs: expectMs },
  };
}

// the bytes of a whole view
result.view = await viewBytes(browser, appSite.url);

// the simulation inside the page, and the 100 000-user run
{
  const { page, context } = await coldLoad(browser, `${appSite.url}?mode=session`);
  const hasApi = await page.evaluate(() => !!(window.wasmBindings && window.wasmBindings.bench_sim));
  if (hasApi) {
    // Each workload is sized to run ≥ 100 ms in the page, then run REPS times, the
    // workloads interleaved, and each in-page run is framed by the same run natively just
    // before and just after it (`benches/sim_runs.rs`, release profile, as the wasm; its
    // path in SIM_RUNS): its ratio is wasm over the mean of the two, so both halves of a
    // ratio see the same load on this shared machine. The figures are medians: ns/op in
    // the page, natively, and of the run-by-run ratios.
    const size = await page.evaluate(async () => {
      await window.wasmBindings.bench_ready();
      const size = {};
      for (const kind of ['session', 'token', 'floor']) {
        window.wasmBindings.bench_sim(kind, 2000); // warm-up: V8 compiles on first call
        let n = 1000;
        for (;;) {
          const t = performance.now();
          window.wasmBindings.bench_sim(kind, n);
          if (performance.now() - t >= 100) break;
          n *= 2;
        }
        size[kind] = n;
      }
      return size;
    });
    const native = (kind, n) => {
      if (!process.env.SIM_RUNS) return null;
      const r = spawnSync(process.env.SIM_RUNS, [kind, String(n)], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`${process.env.SIM_RUNS} ${kind} ${n}: ${r.stderr || r.error}`);
      return JSON.parse(r.stdout.trim().split('\n').pop());
    };
    const runs = {};
    for (let r = 0; r < REPS; r++) {
      for (const kind of Object.keys(size)) {
        const n = size[kind];
        const before = native(kind, n);
        const w = await page.evaluate(([kind, n]) => {
          const t = performance.now();
          const answered = window.wasmBindings.bench_sim(kind, n);
          return { nsPerOp: ((performance.now() - t) * 1e6) / n, answered };
        }, [kind, n]);
        const after = native(kind, n);
        const nat = before && after && { nsPerOp: (before.nsPerOp + after.nsPerOp) / 2, answered: Math.min(before.answered, after.answered) };
        (runs[kind] ||= []).push({ wasm: w.nsPerOp, native: nat && nat.nsPerOp, ratio: nat && w.nsPerOp / nat.nsPerOp, answered: w.answered, nativeAnswered: nat && nat.answered });
      }
    }
    result.wasm = {};
    for (const [kind, rows] of Object.entries(runs)) {
      const n = size[kind];
      for (const row of rows) {
        if (row.answered < n * 0.99 || (row.nativeAnswered != null && row.nativeAnswered < n * 0.99)) {
          throw new Error(`${kind}: a run of ${n} answered 200 only ${row.answered} times in the page, ${row.nativeAnswered} natively`);
        }
      }
      const w = stats(rows.map((x) => x.wasm)), nat = stats(rows.map((x) => x.native)), ratio = stats(rows.map((x) => x.ratio));
      result.wasm[kind] = { nsPerOp: w.median, min: w.min, max: w.max, perSecond: 1e9 / w.median, nativeNsPerOp: nat.median, ratio: ratio.median, ratioMin: ratio.min, ratioMax: ratio.max, fastestRatio: w.min / nat.min, iterations: n, runs: rows };
    }
  }
  // the bulk simulation lives in the meters tab (built on first show)
  await page.click('[data-testid="tab-meters"]');
  await page.waitForSelector('[data-testid="simulate-users-count"]');
  await page.waitForFunction(() => document.body.dataset.busy !== '1');
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
  result.memory.afterBulk = after.memory;
  await context.close();
}

await browser.close();
await appSite.close();
await baseSite.close();
await writeFile(out, JSON.stringify(result, null, 2));
console.log(`bench: wrote ${out}`);
