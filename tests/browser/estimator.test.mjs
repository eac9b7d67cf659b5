// <kifu-estimator> on the demo pages in Chromium: typing updates the result,
// errors appear beside their field and clear, the figures go into the URL and
// a shared link opens with them, and a phone-width page does not overflow.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchChromium, newJapanContext, watchConsole } from '../../build-scripts/lib/browser.mjs';
import { startServer } from '../../build-scripts/lib/static-server.mjs';
import { copySite, waitFor } from '../../build-scripts/lib/test-support.mjs';

let site;
let server;
let browser;

before(async () => {
  site = await copySite();
  server = await startServer({ root: site.dir, port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await site?.remove();
});

async function open(pathName, options = {}) {
  const context = await newJapanContext(browser, options);
  const page = await context.newPage();
  const watched = watchConsole(page);
  await page.goto(new URL(pathName, server.url).href);
  // The site defines the estimator when it is scrolled near (site/widgets.js).
  await page.locator('kifu-estimator').scrollIntoViewIfNeeded();
  await page.locator('kifu-estimator #in-p-card-points').waitFor();
  return { page, context, ...watched };
}

// Playwright's CSS locators pierce open shadow roots.
const field = (page, key) => ({
  input: page.locator(`kifu-estimator #in-${key}`),
  error: page.locator(`kifu-estimator #error-${key}`),
  result: page.locator(`kifu-estimator [part~="field-${key}"] .result`),
});

describe('the points estimator', { concurrency: true }, () => {
  test('typing full-width digits shows what 3,000 card points become, with the match and the tax note', async () => {
    const { page, context, problems } = await open('/campaigns/animal-center/');
    const card = field(page, 'p-card-points');
    await card.input.pressSequentially('３０００');
    // 3,000 / 100 * ¥500 = ¥15,000; the sponsor adds 50% = ¥7,500.
    await assert.doesNotReject(page.locator('kifu-estimator .result', { hasText: '3,000ポイント → 15,000円' }).waitFor());
    assert.equal(await page.locator('kifu-estimator .total').textContent(), '寄付額の合計 15,000円');
    assert.match(await page.locator('kifu-estimator .matched').textContent(), /7,500円を上乗せ/);
    // (15,000 + 7,500) / 3,000 = 7.5 weeks
    assert.match(await page.locator('kifu-estimator .impact').textContent(), /7\.5週間分/);
    assert.match(await page.locator('kifu-estimator p.note[part="tax"]').textContent(), /控除/);
    // The input keeps exactly what was typed.
    assert.equal(await card.input.inputValue(), '３０００');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an error appears next to its field, tied to the input, and clears when fixed', async () => {
    const { page, context } = await open('/campaigns/animal-center/');
    const card = field(page, 'p-card-points');
    await card.input.pressSequentially('3,00');
    await card.error.waitFor({ state: 'visible' });
    assert.equal(await card.error.textContent(), '桁区切りのカンマの位置が正しくありません（例: 3,000）');
    assert.equal(await card.input.getAttribute('aria-invalid'), 'true');
    assert.match(await card.input.getAttribute('aria-describedby'), /\berror-p-card-points\b/);
    // The label is tied to the input.
    assert.equal(await page.locator('kifu-estimator label[for="in-p-card-points"]').textContent(), 'カードポイントの残高');
    assert.equal(await card.result.isVisible(), false);
    await card.input.pressSequentially('0');  // "3,000"
    await card.error.waitFor({ state: 'hidden' });
    assert.equal(await card.input.getAttribute('aria-invalid'), null);
    assert.equal(await card.result.textContent(), '3,000ポイント → 15,000円');
    await context.close();
  });

  test('the figures go into the URL, and the shared link opens with the same result', async () => {
    const { page, context } = await open('/en/campaigns/animal-center/');
    await field(page, 'p-miles').input.pressSequentially('10999');
    await field(page, 'target').input.pressSequentially('1.5万');
    const shared = await waitFor(async () => {
      const url = await page.evaluate(() => window.location.href);
      // Written 300 ms after typing pauses: on a loaded machine a pause may
      // come mid-word, so wait for the whole of what was typed.
      return new URLSearchParams(new URL(url).hash.slice(1)).get('e-target') === '1.5万' ? url : null;
    }, { message: 'the fragment to be written', timeout: 10_000 });
    assert.match(shared, /#.*e-miles=10999/);
    const mix = await page.locator('kifu-estimator .mix').textContent();
    await context.close();

    const other = await newJapanContext(browser);
    const again = await other.newPage();
    await again.goto(shared);
    const miles = field(again, 'p-miles');
    await miles.result.waitFor();
    assert.equal(await miles.input.inputValue(), '10999');
    assert.equal(await field(again, 'target').input.inputValue(), '1.5万');
    // 10,999 miles -> 7,500 + 3,000 blocks = ¥10,500, 499 left.
    assert.equal(await miles.result.textContent(), '10,999 miles → ¥10,500');
    assert.equal(await again.locator('kifu-estimator .mix').textContent(), mix);
    await other.close();
  });

  test('a burst of input within one frame is answered at once, then once more with the last text', async () => {
    const { page, context } = await open('/campaigns/animal-center/');
    const seen = await page.evaluate(() => new Promise((resolve) => {
      requestAnimationFrame(() => {
        const root = document.querySelector('kifu-estimator').shadowRoot;
        const input = root.getElementById('in-p-card-points');
        const result = root.querySelector('[part~="field-p-card-points"] .result');
        for (const text of ['1000', '2000', '3000']) {
          input.value = text;
          input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        }
        const now = result.textContent;
        requestAnimationFrame(() => resolve({ now, next: result.textContent }));
      });
    }));
    // The first input of the frame is estimated at once; the two after it
    // are folded into one estimate in the next frame, of the last text.
    // 1,000 / 100 * ¥500 = ¥5,000; 3,000 -> ¥15,000.
    assert.deepEqual(seen, { now: '1,000ポイント → 5,000円', next: '3,000ポイント → 15,000円' });
    await context.close();
  });

  test('the iframe embed builds <kifu-estimator> from ?widget=estimator, and typing answers', async () => {
    const context = await newJapanContext(browser);
    const page = await context.newPage();
    const { problems } = watchConsole(page);
    const query = new URLSearchParams({ widget: 'estimator', campaign: '/campaigns/animal-center/campaign.json', lang: 'en' });
    await page.goto(new URL(`/kifu/v1/embed/?${query}`, server.url).href);
    const miles = field(page, 'p-miles');
    await miles.input.pressSequentially('10999');
    // 10,999 miles -> 7,500 + 3,000 blocks = ¥10,500, 499 left.
    await assert.doesNotReject(miles.result.filter({ hasText: '10,999 miles → ¥10,500' }).waitFor());
    assert.equal(await page.locator('kifu-estimator').getAttribute('lang'), 'en');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the result is a polite live region and the page fits a 360 px phone', async () => {
    const { page, context } = await open('/campaigns/animal-center/', { viewport: { width: 360, height: 740 } });
    await field(page, 'p-shopping-points').input.pressSequentially('150000');
    const live = page.locator('kifu-estimator #live');
    assert.equal(await live.getAttribute('aria-live'), 'polite');
    await waitFor(async () => (await live.textContent()).includes('100,000円'), { message: 'the announcement' });
    assert.match(await page.locator('kifu-estimator [part~="field-p-shopping-points"] .detail').textContent(), /上限は1か月100,000ポイント/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
    await context.close();
  });
});
