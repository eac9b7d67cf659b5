// The demo campaign page in Chromium, served with the strict CSP by our own
// server from a fresh copy of build/site.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchChromium, newJapanContext, watchConsole } from '../../build-scripts/lib/browser.mjs';
import { startServer } from '../../build-scripts/lib/static-server.mjs';
import { copySite } from '../../build-scripts/lib/test-support.mjs';
import { readWidget } from '../../build-scripts/lib/widget-fixtures.mjs';

let site;
let server;
let browser;
let requests = [];

before(async () => {
  site = await copySite();
  server = await startServer({ root: site.dir, port: 0, onRequest: (req, res) => requests.push({ path: req.url, status: res.statusCode }) });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await site?.remove();
});

async function openPage(pathName, contextOptions = {}) {
  const context = await newJapanContext(browser, contextOptions);
  const page = await context.newPage();
  const watched = watchConsole(page);
  await page.goto(new URL(pathName, server.url).href);
  return { page, context, ...watched };
}

// Both widgets of the page show numbers (not placeholders).
function waitForNumbers(page, text) {
  return page.waitForFunction(
    (expected) => {
      const widgets = [...document.querySelectorAll('kifu-progress')];
      return widgets.length > 0 && widgets.every((w) => w.shadowRoot?.querySelector('[part~="amount"]')?.textContent === expected);
    },
    text,
    { timeout: 10_000 },
  );
}

test('the Japanese demo page shows the total and the progress to screen readers', async () => {
  requests = [];
  const { page, context, problems } = await openPage('/');
  const response = await page.request.get(server.url);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  await waitForNumbers(page, '182,600,000円');
  const [bar, ring] = await Promise.all((await page.$$('kifu-progress')).map((h) => h.evaluate(readWidget)));
  assert.ok(ring, 'the page shows two widgets');
  for (const view of [bar, ring]) {
    assert.equal(view.title, 'みなと県 動物愛護センター建設基金');
    assert.equal(view.valuemin, '0');
    assert.equal(view.valuemax, '100');
    assert.equal(view.valuenow, '16.6');
    assert.match(view.valuetext, /16\.6%/);
    assert.equal(view.stale, '');
    assert.equal(view.live, '', 'the first render is not announced');
  }
  assert.match(await page.textContent('main'), /サンプルデータ/);
  assert.match(await page.textContent('.snippet'), /<kifu-progress campaign="campaigns\/animal-center\/campaign.json" lang="ja"><\/kifu-progress>/);
  // Two widgets, one module and one feed request.
  assert.equal(requests.filter((r) => r.path === '/kifu/kifu-core.wasm').length, 1);
  assert.equal(requests.filter((r) => r.path.startsWith('/campaigns/animal-center/feed.json')).length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the English page shows the same total in English', async () => {
  const { page, context, problems } = await openPage('/en/');
  await waitForNumbers(page, '¥182,600,000');
  const view = await (await page.$('kifu-progress')).evaluate(readWidget);
  assert.equal(view.valuenow, '16.6');
  assert.match(view.valuetext, /16\.6%/);
  assert.match(await page.textContent('main'), /Sample data/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a 360 px phone nothing overflows and nothing shifts while the feed loads', async () => {
  const context = await newJapanContext(browser, { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const { problems } = watchConsole(page);
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // A slow feed: the widgets sit in their placeholder state for a while.
  await page.route('**/feed.json', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await route.continue();
  });
  await page.goto(server.url);
  await waitForNumbers(page, '182,600,000円');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__shift), 0, 'cumulative layout shift');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scrolling');
  await page.screenshot({ path: path.join(site.dir, 'phone.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the total follows the feed without a reload, and the change is announced', async () => {
  const { page, context, problems } = await openPage('/');
  await waitForNumbers(page, '182,600,000円');
  const feedFile = path.join(site.dir, 'campaigns', 'animal-center', 'feed.json');
  const feed = JSON.parse(await fs.readFile(feedFile, 'utf8'));
  Object.assign(feed, { raised: 550_000_000, donors: 40_000, donations: 52_000, as_of: new Date().toISOString().replace(/\.\d+Z$/, 'Z') });
  feed.by_channel = { points: 400_000_000, card: 100_000_000, transfer: 40_000_000, offline: 10_000_000 };
  await fs.writeFile(feedFile, JSON.stringify(feed));
  await waitForNumbers(page, '550,000,000円'); // the demo polls every 5 s
  const view = await (await page.$('kifu-progress')).evaluate(readWidget);
  assert.equal(view.valuenow, '50');
  assert.match(view.valuetext, /50%/);
  assert.notEqual(view.live, '', 'the live region speaks the new total');
  assert.match(view.live, /5\.5億円|50%/);
  assert.deepEqual(problems, []);
  await context.close();
});
