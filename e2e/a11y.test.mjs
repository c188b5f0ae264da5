// Accessibility: axe-core on every panel, in each mode and both themes (0 serious or
// critical findings), and one scenario walked with the keyboard only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveSite, launch, openPage, gotoReady, byId, act } from './harness.mjs';

const AXE = new URL('node_modules/axe-core/axe.min.js', import.meta.url).pathname;
let site, browser;
before(async () => { site = await serveSite(); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

async function axe(page, selector) {
  return page.evaluate(async (sel) => {
    const r = await window.axe.run(sel, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }, selector);
}

// A step of each mode with much on the stage: a stateless purchase, the shared store,
// XSS and a forged form (the attacker and evil.example on the stage).
const STEPS = { stateless: 'stateless-flight&step=2', session: 'session-shared-store&step=3', token: 'xss-httponly&step=6' };

for (const theme of ['light', 'dark']) {
  for (const mode of ['stateless', 'session', 'token']) {
    test(`axe: no serious findings in ${mode} mode, ${theme} theme`, async () => {
      const { page, context, problems } = await openPage(browser, { colorScheme: theme, bypassCSP: true });
      // the page's CSP (rightly) refuses injected scripts; axe is a test tool
      await gotoReady(page, `${site.url}?scenario=${STEPS[mode]}&theme=${theme}&lang=${theme === 'dark' ? 'ko' : 'en'}`);
      await page.waitForFunction(() => document.body.dataset.busy !== '1');
      await page.addScriptTag({ path: AXE });
      const findings = {};
      for (const part of ['.topbar', '.controls', '.tour', '.stage', '.actions']) {
        findings[part] = await axe(page, part);
      }
      // every details tab, shown in turn
      for (const tab of ['browser', 'network', 'servers', 'meters', 'jwt', 'attacker', 'share']) {
        await page.click(byId(`tab-${tab}`));
        await page.waitForSelector(`#details-${tab} > :not(.loading)`);
        await page.waitForFunction(() => document.body.dataset.busy !== '1');
        findings[`#details-${tab}`] = await axe(page, '.details');
      }
      const none = Object.fromEntries(Object.keys(findings).map((k) => [k, []]));
      assert.deepEqual(findings, none);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test('a scenario walked by keyboard only', async () => {
  const { page, context, problems } = await openPage(browser);
  await gotoReady(page, `${site.url}?lang=en`);
  const focused = () => page.evaluate(() => document.activeElement?.dataset?.testid || '');
  async function tabTo(testid) {
    for (let i = 0; i < 120; i++) {
      if ((await focused()) === testid) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`could not reach ${testid} with Tab`);
  }
  await tabTo('scenario-select');
  // choose the first scenario with the keyboard
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelector('[data-testid="tour-step"]').dataset.scenario === 'stateless-flight');
  await tabTo('tour-next');
  const total = +(await page.getAttribute(byId('tour-step'), 'data-steps'));
  for (let k = 2; k <= total; k++) {
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelector('[data-testid="tour-step"]').dataset.step === String(n), k);
  }
  // a focused element is visibly outlined
  await tabTo('tour-prev');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  // and a request can be sent from the keyboard
  await tabTo('req-mypage');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="net-entry"]').length > 0);
  assert.deepEqual(problems, []);
  await context.close();
});
