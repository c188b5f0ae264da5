// Makes the README's pictures from the built site (not a test): docs/screenshot.png (the
// full page at a tour step) and the frames of one step playing, docs/frames/NN.png, which
// `convert -delay 25 -loop 0 docs/frames/*.png docs/stage.gif` (ImageMagick) turns into
// docs/stage.gif. Usage: SITE_DIR=dist node e2e/tools/readme-media.mjs
import { mkdir, rm } from 'node:fs/promises';
import { serveSite, launch, openPage, gotoReady, byId } from '../harness.mjs';

const docs = new URL('../../docs/', import.meta.url).pathname;
const site = await serveSite();
const browser = await launch();
try {
  {
    const { page, context } = await openPage(browser, { width: 1280, height: 800, locale: 'ko-KR' });
    await gotoReady(page, `${site.url}?scenario=session-scale-out&step=3&lang=ko`);
    await page.waitForFunction(() => document.body.dataset.busy !== '1');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${docs}screenshot.png` });
    await context.close();
  }
  {
    // One step playing at the slow speed: GET /me leaves with its cookie, the balancer
    // picks a server, the server finds the session, the answer comes back.
    const { page, context } = await openPage(browser, { width: 820, height: 520, reducedMotion: 'no-preference' });
    await gotoReady(page, `${site.url}?scenario=session-login&step=3&lang=ko`);
    await page.click(byId('open-controls'));
    await page.selectOption(byId('anim-speed'), 'slow');
    await page.click(byId('open-controls'));
    await page.waitForFunction(() => document.body.dataset.busy !== '1');
    await rm(`${docs}frames`, { recursive: true, force: true });
    await mkdir(`${docs}frames`, { recursive: true });
    const stage = page.locator(byId('stage'));
    await page.click(byId('tour-next'));
    for (let i = 0; i < 22; i++) {
      await stage.screenshot({ path: `${docs}frames/${String(i).padStart(2, '0')}.png` });
      await page.waitForTimeout(250);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}
