// Guided tours: every scenario walked to its last step with tour-next, in Korean and
// English; a pasted link opens the named step; back/forward move between steps.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveSite, launch, openPage, gotoReady, byId, screenshot, show, buildTabs } from './harness.mjs';

let site, browser;
before(async () => { site = await serveSite(); browser = await launch(); });
after(async () => { await browser?.close(); await site?.close(); });

// The step the tour bar shows, once the page is idle (a step waits for the engine's
// module when it is not in yet, and the page says busy meanwhile).
const stepOf = async (page) => {
  await page.waitForFunction(() => document.body.dataset.busy !== '1');
  return page.$eval(byId('tour-step'), (e) => ({ ...e.dataset }));
};

for (const lang of ['ko', 'en']) {
  test(`every scenario walks to its last step (${lang})`, async () => {
    const { page, context, problems } = await openPage(browser);
    await gotoReady(page, `${site.url}?lang=${lang}`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    const shots = new Set([`session-login:1`, `session-scale-out:3`, `stolen-credentials:4`]);
    // Every tour the page lists: the registry's (the labs included).
    const ids = await page.$$eval(`${byId('scenario-select')} option`, (os) => os.map((o) => o.value).filter(Boolean));
    assert.ok(ids.length >= 15, ids.join(', '));
    for (const id of ids) {
      await page.selectOption(byId('scenario-select'), id);
      let s = await stepOf(page);
      assert.equal(s.scenario, id);
      assert.equal(s.step, '1');
      const total = +s.steps;
      assert.ok(total >= 4, `${id} has ${total} steps`);
      const texts = new Set();
      for (let k = 1; k <= total; k++) {
        s = await stepOf(page);
        assert.equal(+s.step, k, `${id} step`);
        const text = (await page.textContent(byId('tour-text'))).trim();
        assert.ok(text.length > 10, `${id} step ${k} narration`);
        if (lang === 'ko') {
          assert.match(text, /[가-힣]/, `${id} step ${k} is Korean`);
          // One voice on the whole page: 해요체, never 합니다체; numbers hug 원, 개, 명.
          const page_text = await page.evaluate(() => document.body.innerText);
          assert.doesNotMatch(page_text, /니다(\.|\s|$)/m, `${id} step ${k}: 합니다체 on the page`);
          const apart = page_text.match(/\d (원|개|명)/);
          assert.equal(apart, null, `${id} step ${k}: a number apart from its unit: ${apart}`);
        }
        texts.add(text);
        if (shots.has(`${id}:${k}`)) await screenshot(page, `tour-${lang}-${id}-${k}`);
        if (k < total) await page.click(byId('tour-next'));
      }
      assert.equal(texts.size, total, `${id}: every step says something new`);
      assert.equal(await page.isDisabled(byId('tour-next')), true);
      assert.match(page.url(), new RegExp(`scenario=${id}&step=${total}`));
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a pasted link opens session-scale-out at step 3, with its narration and world', async () => {
  const { page, context, problems } = await openPage(browser);
  await gotoReady(page, `${site.url}?scenario=session-scale-out&step=3&lang=en`);
  const s = await stepOf(page);
  assert.deepEqual([s.scenario, s.step], ['session-scale-out', '3']);
  assert.ok((await page.textContent(byId('tour-text'))).trim().length > 10);
  assert.equal(await page.locator('[data-testid="stage-actor"][data-actor="server"]').count() >= 2, true);
  await buildTabs(page);
  const statuses = await page.$$eval(byId('net-entry'), (rows) => rows.map((r) => r.dataset.status + r.dataset.server));
  assert.ok(statuses.includes('401B'), `a request to B failed: ${statuses}`);
  // the highlight follows the start-up steps by a moment
  await page.waitForSelector('.tour-highlight', { timeout: 5_000 });
  assert.ok(await page.locator('.tour-highlight').count() >= 1, 'something is highlighted');
  // back and forward
  await page.click(byId('tour-next'));
  assert.equal((await stepOf(page)).step, '4');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('[data-testid="tour-step"]').dataset.step === '3');
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('[data-testid="tour-step"]').dataset.step === '4');
  // leave the tour: play freely, then return to the step
  const before = await page.locator(byId('net-entry')).count();
  await page.click(byId('req-mypage'));
  assert.equal(await page.locator(byId('net-entry')).count(), before + 1);
  await page.click(byId('tour-return'));
  assert.equal(await page.locator(byId('net-entry')).count(), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('traffic-size shows the session and token worlds side by side', async () => {
  const { page, context, problems } = await openPage(browser);
  await gotoReady(page, `${site.url}?scenario=traffic-size&lang=ko`);
  const total = +(await stepOf(page)).steps;
  for (let k = 1; k < total; k++) await page.click(byId('tour-next'));
  const rows = await page.$$eval(`${byId('twin-meters')} tbody tr`, (trs) => trs.map((tr) => tr.textContent));
  assert.equal(rows.length, 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test('tour-play advances by itself', async () => {
  const { page, context, problems } = await openPage(browser);
  await gotoReady(page, `${site.url}?scenario=stateless-flight&lang=en`);
  await page.click(byId('tour-play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="tour-step"]').dataset.step === '2', null, { timeout: 10_000 });
  await page.click(byId('tour-play'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bad step in a link gets a notice and opens step 1', async () => {
  const { page, context, problems } = await openPage(browser);
  await gotoReady(page, `${site.url}?scenario=force-logout&step=99`);
  assert.equal((await stepOf(page)).step, '1');
  assert.match(await page.textContent(byId('url-notice')), /step=99/);
  assert.deepEqual(problems, []);
  await context.close();
});
