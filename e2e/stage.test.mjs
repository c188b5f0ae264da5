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
      height: document.documentElement.scrollHeight,
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
