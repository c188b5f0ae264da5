// The stage: for every step of every tour, in both languages and three views (the full
// page at 1280×800, an embed at 760×640, a phone at 390×844), the narration and every
// highlighted element are inside the viewport together, with the page unscrolled; the
// embed reports at most 720 px. It walks each tour with tour-next, waits for the page
// to be idle, and measures bounding boxes. It prints the counts per view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveSite, launch, openPage, gotoReady, byId, screenshot } from './harness.mjs';

const VIEWS = [
  { name: 'page', width: 1280, height: 800, query: '' },
  { name: 'embed', width: 760, height: 640, query: '&embed=1', maxReported: 720 },
  { name: 'phone', width: 390, height: 844, query: '' },
];

let site, browser;
before(async () => { site = await serveSite(); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

/** Waits until the page is idle and has drawn two more frames (marks are put back then). */
async function settle(page) {
  await page.waitForFunction(() => document.body.dataset.busy !== '1');
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(ok)))));
}

/** What the reader sees of the step: the narration's box, the marked boxes, the scroll, the height. */
async function measure(page) {
  return page.evaluate(() => {
    const vw = innerWidth, vh = innerHeight;
    const inside = (el) => {
      const r = el.getBoundingClientRect();
      return r.width + r.height > 0 && r.top >= -1 && r.left >= -1 && r.bottom <= vh + 1 && r.right <= vw + 1;
    };
    const step = document.querySelector('[data-testid="tour-step"]').dataset;
    const text = document.querySelector('[data-testid="tour-text"]');
    const marked = [...document.querySelectorAll('.tour-highlight')];
    const outside = marked.filter((el) => !inside(el)).map((el) => el.dataset.testid || el.getAttribute('class'));
    return {
      id: `${step.scenario}:${step.step}`,
      steps: +step.steps,
      narration: !!text && inside(text),
      marks: marked.length,
      outside,
      scrolled: scrollY,
      // what an embed reports to its parent (src/ui/embed.rs): the body's height
      height: document.body.scrollHeight,
    };
  });
}

for (const view of VIEWS) {
  for (const lang of ['ko', 'en']) {
    test(`stage: narration and highlights together on one screen (${view.name} ${view.width}×${view.height}, ${lang})`, async () => {
      const { page, context, problems } = await openPage(browser, { width: view.width, height: view.height });
      await gotoReady(page, `${site.url}?lang=${lang}${view.query}`);
      const ids = await page.$$eval(`${byId('scenario-select')} option`, (os) => os.map((o) => o.value).filter(Boolean));
      assert.ok(ids.length >= 12, `${ids.length} tours`);
      let total = 0, together = 0, marked = 0, maxHeight = 0;
      const failures = [];
      for (const id of ids) {
        await page.selectOption(byId('scenario-select'), id);
        await settle(page);
        const steps = +(await page.getAttribute(byId('tour-step'), 'data-steps'));
        for (let k = 1; k <= steps; k++) {
          if (k > 1) {
            await page.click(byId('tour-next'));
            await settle(page);
          }
          const m = await measure(page);
          assert.equal(m.id, `${id}:${k}`);
          total += 1;
          if (m.marks > 0) marked += 1;
          maxHeight = Math.max(maxHeight, m.height);
          const ok = m.narration && m.outside.length === 0 && m.scrolled === 0
            && (!view.maxReported || m.height <= view.maxReported);
          if (ok) together += 1;
          else {
            failures.push(`${m.id}: narration ${m.narration ? 'in' : 'OUT'}, outside [${m.outside.join(', ')}], scrolled ${m.scrolled}, height ${m.height}`);
            if (failures.length <= 3) await screenshot(page, `stage-fail-${view.name}-${lang}-${id}-${k}`);
          }
        }
      }
      console.log(`stage ${view.name} ${view.width}×${view.height} ${lang}: together ${together} of ${total} steps; ` +
        `${marked} highlight something; reported height max ${maxHeight} px`);
      assert.deepEqual(failures, []);
      assert.ok(marked >= 0.8 * total, `${marked} of ${total} steps highlight something`);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test('motion: messages fly at the chosen speed; with reduced motion nothing flies; the text twin lists every hop', async () => {
  {
    const { page, context, problems } = await openPage(browser, { reducedMotion: 'no-preference' });
    await gotoReady(page, `${site.url}?mode=session&lang=en`);
    await page.selectOption(byId('anim-speed'), 'slow');
    await page.click(byId('login-submit'));
    // a message is on its way: the page is busy and an envelope flies
    await page.waitForSelector('.stage .env.fly', { timeout: 10_000 });
    assert.equal(await page.getAttribute('body', 'data-busy'), '1');
    const first = await page.getAttribute(byId('stage-message'), 'data-to');
    await page.waitForFunction(() => document.body.dataset.busy !== '1', null, { timeout: 20_000 });
    assert.notEqual(await page.getAttribute(byId('stage-message'), 'data-to'), first, 'the newest message moved on');
    assert.equal(await page.getAttribute(byId('stage-message'), 'data-to'), 'browser');
    const twin = await page.$$eval(`${byId('stage-twin')} li`, (li) => li.map((l) => l.textContent));
    assert.equal(twin.length, 4, twin.join('\n'));
    assert.match(twin[0], /^browser → balancer: POST \/login/);
    assert.equal(await page.getAttribute(byId('stage-twin'), 'aria-live'), 'polite');
    assert.deepEqual(problems, []);
    await context.close();
  }
  {
    const { page, context, problems } = await openPage(browser, { reducedMotion: 'reduce' });
    await gotoReady(page, `${site.url}?mode=session&lang=en`);
    assert.equal(await page.inputValue(byId('anim-speed')), 'instant');
    await page.click(byId('login-submit'));
    await page.waitForFunction(() => document.body.dataset.busy !== '1');
    assert.equal(await page.locator('.stage .env.fly').count(), 0, 'nothing flies');
    assert.equal(await page.getAttribute(byId('stage-message'), 'data-leg'), 'back');
    const moving = await page.$eval(byId('stage-message'), (e) => getComputedStyle(e).transitionDuration);
    assert.match(moving, /^0s/);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('the JWT claims table is never cut off, at 1280×800 and on a phone', async () => {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    const { page, context, problems } = await openPage(browser, { width, height });
    await gotoReady(page, `${site.url}?scenario=token-login&step=2&lang=ko`);
    await page.click(byId('tab-jwt'));
    await page.waitForSelector('#details-jwt .claims td');
    const clipped = await page.$$eval('#details-jwt .claims td, #details-jwt .jwt-parts pre', (cells) => {
      const panel = document.querySelector('#details-jwt').getBoundingClientRect();
      return cells
        .filter((c) => c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right > panel.right + 1)
        .map((c) => c.textContent.slice(0, 40));
    });
    assert.deepEqual(clipped, [], `${width}×${height}`);
    const rows = await page.$$eval('#details-jwt .claims tr', (r) => r.length);
    assert.ok(rows >= 6, `${rows} claims`);
    await screenshot(page, `jwt-claims-${width}x${height}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('screenshots of each view at each size, in both languages and both themes (target/e2e/view-*)', async () => {
  for (const view of VIEWS) {
    for (const lang of ['ko', 'en']) {
      for (const theme of ['light', 'dark']) {
        const { page, context, problems } = await openPage(browser, { width: view.width, height: view.height, colorScheme: theme });
        for (const at of ['session-scale-out&step=3', 'xss-httponly&step=6']) {
          await gotoReady(page, `${site.url}?scenario=${at}&lang=${lang}&theme=${theme}${view.query}`);
          await settle(page);
          await screenshot(page, `view-${view.name}-${lang}-${theme}-${at.replace(/&step=/, '-')}`);
        }
        assert.deepEqual(problems, []);
        await context.close();
      }
    }
  }
});
