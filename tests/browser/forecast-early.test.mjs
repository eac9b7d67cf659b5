// On an editor's page (the kifu/v1/embed.js snippet, a progress bar and a
// forecast, served with the site's CSP), the forecast's worker is started by
// the snippet as soon as it runs, before the forecast's code has arrived and
// before the campaign's definition has: it has compiled and warmed up its
// module when the element asks. Still one worker for the page, and the
// forecast still ends on the native command's numbers. (A page on another
// origin, where no worker can start, is forecast-embed.test.mjs's.)
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchChromium, newJapanContext, watchConsole } from '../../build-scripts/lib/browser.mjs';
import { startServer } from '../../build-scripts/lib/static-server.mjs';
import { DEMO_NOW, nativeForecast, svgPoints } from '../../build-scripts/lib/forecast-fixtures.mjs';
import { copySite } from '../../build-scripts/lib/test-support.mjs';

const NOW = DEMO_NOW; // the demo feed's time, so "now" is what the native command gets

let site;
let server;
let browser;
let requests = [];

before(async () => {
  site = await copySite();
  await fs.writeFile(path.join(site.dir, 'editor.html'), [
    '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>editor</title><link rel="icon" href="data:,">',
    '<script type="module" src="kifu/v1/embed.js"></script></head><body>',
    '<kifu-progress campaign="campaigns/animal-center/campaign.json" lang="ja"></kifu-progress>',
    '<kifu-forecast campaign="campaigns/animal-center/campaign.json" lang="en" seed="5" paths="700"></kifu-forecast>',
    '</body></html>'].join('\n'));
  await fs.writeFile(path.join(site.dir, 'progress-only.html'), [
    '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>editor</title><link rel="icon" href="data:,">',
    '<script type="module" src="kifu/v1/embed.js"></script></head><body>',
    '<kifu-progress campaign="campaigns/animal-center/campaign.json" lang="ja"></kifu-progress>',
    '</body></html>'].join('\n'));
  server = await startServer({ root: site.dir, port: 0, onRequest: (req) => requests.push(new URL(req.url, 'http://x').pathname) });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await site?.remove();
});

test('on an editor\'s page the snippet starts the one forecast worker before the forecast is defined or its definition has arrived, and the forecast ends on the native numbers', { timeout: 60_000 }, async () => {
  requests = [];
  const context = await newJapanContext(browser);
  const page = await context.newPage();
  const { problems } = watchConsole(page);
  await page.addInitScript({ content: `Date.now = () => ${Date.parse(NOW)};` });
  // Notes each worker's start: was <kifu-forecast> defined yet, had the
  // definition's response been read (an init script is not subject to the CSP).
  await page.addInitScript(() => {
    window.workerStarts = [];
    const PageWorker = window.Worker;
    window.Worker = class extends PageWorker {
      constructor(...args) {
        super(...args);
        const definition = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/campaign.json'));
        window.workerStarts.push({
          script: String(args[0]).split('/').pop(),
          forecastDefined: customElements.get('kifu-forecast') !== undefined,
          definitionArrived: Boolean(definition && definition.responseEnd > 0),
        });
      }
    };
  });
  await page.goto(`${server.url}editor.html`);
  const shown = await page.waitForFunction(() => {
    const root = document.querySelector('kifu-forecast')?.shadowRoot;
    if (!root || root.querySelector('[part~="card"]').getAttribute('aria-busy') !== 'false') return false;
    return {
      headline: root.querySelector('[part~="headline"]').textContent,
      details: [...root.querySelectorAll('[part~="details"] li')].map((li) => li.textContent),
      svg: root.querySelector('[part~="chart"] svg')?.outerHTML ?? '',
    };
  }, null, { timeout: 30_000, polling: 50 }).then((h) => h.jsonValue());
  assert.deepEqual(await page.evaluate(() => window.workerStarts),
    [{ script: 'forecast-runner.js', forecastDefined: false, definitionArrived: false }]);
  const native = nativeForecast('en', 5, 700);
  assert.equal(shown.headline, native.headline);
  assert.deepEqual(shown.details, native.details);
  assert.deepEqual(svgPoints(shown.svg), svgPoints(native.svg));
  assert.equal(requests.filter((p) => p.endsWith('/forecast-runner.js')).length, 1, 'the worker script once (the page does not load it)');
  assert.equal(requests.filter((p) => p.endsWith('/kifu-forecast.wasm')).length, 1, 'the module once');
  // Fetched early, with the feed (campaign-prefetch.js), and handed to the element: not twice.
  assert.equal(requests.filter((p) => p.endsWith('/history.json')).length, 1, 'the history once');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a page without a forecast starts no worker and fetches no history', { timeout: 30_000 }, async () => {
  requests = [];
  const context = await newJapanContext(browser);
  const page = await context.newPage();
  const { problems } = watchConsole(page);
  await page.addInitScript(() => {
    window.workersStarted = 0;
    const PageWorker = window.Worker;
    window.Worker = class extends PageWorker {
      constructor(...args) {
        super(...args);
        window.workersStarted += 1;
      }
    };
  });
  await page.goto(`${server.url}progress-only.html`);
  // The demo feed's raised, 182600000, as the bar writes it.
  await page.waitForFunction(() => document.querySelector('kifu-progress')?.shadowRoot?.querySelector('[part~="amount"]')?.textContent === '182,600,000円', null, { timeout: 15_000 });
  await page.waitForTimeout(300); // a late request would show here
  assert.equal(await page.evaluate(() => window.workersStarted), 0);
  assert.deepEqual(requests.filter((p) => /history\.json$|forecast/.test(p)), []);
  assert.equal(requests.filter((p) => p.endsWith('/feed.json')).length, 1, 'the feed, which the bar needs');
  assert.deepEqual(problems, []);
  await context.close();
});
