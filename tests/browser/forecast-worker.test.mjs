// The forecast's worker in Chromium, under the site's CSP (script-src 'self'
// 'wasm-unsafe-eval'): one worker and one wasm download serve every
// <kifu-forecast> of a page, each element still getting its own answer; and
// a request that arrives while the worker warms up is answered without
// waiting for the warm-up (which stops for it), ending on the native
// command's numbers.
import assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchChromium, newJapanContext, watchConsole } from '../../build-scripts/lib/browser.mjs';
import { startServer } from '../../build-scripts/lib/static-server.mjs';
import { DEMO_DIR, DEMO_NOW, nativeForecast, svgPoints } from '../../build-scripts/lib/forecast-fixtures.mjs';
import { copySite } from '../../build-scripts/lib/test-support.mjs';

const NOW = DEMO_NOW; // the demo feed's time, so "now" is what the native command gets

let site;
let server;
let browser;
let requests = [];

before(async () => {
  site = await copySite();
  // Pages of the site (so under its CSP), with no inline script.
  await fs.writeFile(path.join(site.dir, 'three-forecasts.html'), `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">
<script type="module" src="kifu/define.js"></script>
<kifu-forecast id="a" campaign="campaigns/animal-center/campaign.json" lang="ja" seed="1" paths="600"></kifu-forecast>
<kifu-forecast id="b" campaign="campaigns/animal-center/campaign.json" lang="en" seed="2" paths="600"></kifu-forecast>
<kifu-forecast id="c" campaign="campaigns/animal-center/campaign.json" lang="en" seed="3" paths="300"></kifu-forecast>`);
  await fs.writeFile(path.join(site.dir, 'worker-only.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><body>');
  server = await startServer({ root: site.dir, port: 0, onRequest: (req) => requests.push(new URL(req.url, 'http://x').pathname) });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await site?.remove();
});

test('three forecasts on one page share one worker and one wasm download, each ending on its own native numbers', { timeout: 60_000 }, async () => {
  requests = [];
  const context = await newJapanContext(browser);
  const page = await context.newPage();
  const { problems } = watchConsole(page);
  await page.addInitScript({ content: `Date.now = () => ${Date.parse(NOW)};` });
  // Counts the workers the page starts (an init script is not subject to the CSP).
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
  await page.goto(`${server.url}three-forecasts.html`);
  const read = (id) => page.waitForFunction((which) => {
    const root = document.getElementById(which)?.shadowRoot;
    if (!root || root.querySelector('[part~="card"]').getAttribute('aria-busy') !== 'false') return false;
    return {
      headline: root.querySelector('[part~="headline"]').textContent,
      details: [...root.querySelectorAll('[part~="details"] li')].map((li) => li.textContent),
      svg: root.querySelector('[part~="chart"] svg')?.outerHTML ?? '',
    };
  }, id, { timeout: 30_000, polling: 50 }).then((h) => h.jsonValue());
  const shown = { a: await read('a'), b: await read('b'), c: await read('c') };
  for (const [id, lang, seed, paths] of [['a', 'ja', 1, 600], ['b', 'en', 2, 600], ['c', 'en', 3, 300]]) {
    const native = nativeForecast(lang, seed, paths);
    assert.equal(shown[id].headline, native.headline, `#${id}`);
    assert.deepEqual(shown[id].details, native.details, `#${id}`);
    assert.deepEqual(svgPoints(shown[id].svg), svgPoints(native.svg), `#${id}`);
  }
  // b and c differ in seed and paths only: their views must not have been swapped.
  assert.notDeepEqual(svgPoints(shown.b.svg), svgPoints(shown.c.svg));
  assert.equal(await page.evaluate(() => window.workersStarted), 1, 'one worker for the three');
  assert.equal(requests.filter((p) => p === '/kifu/kifu-forecast.wasm').length, 1, 'the module is fetched once');
  assert.equal(requests.filter((p) => p === '/kifu/forecast-runner.js').length, 1, 'the worker script once (the page does not load it)');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a request posted while the worker warms up stops the warm-up and is answered, first in part, then with the native numbers', { timeout: 30_000 }, async () => {
  const context = await newJapanContext(browser);
  const page = await context.newPage();
  const { problems } = watchConsole(page);
  await page.goto(`${server.url}worker-only.html`);
  const request = {
    campaignJson: readFileSync(path.join(DEMO_DIR, 'campaign.json'), 'utf8'),
    feedJson: readFileSync(path.join(DEMO_DIR, 'feed.json'), 'utf8'),
    historyJson: readFileSync(path.join(DEMO_DIR, 'history.json'), 'utf8'),
    lang: 'en', seed: 4, paths: 1000, nowUnixMs: Date.parse(NOW),
  };
  const views = await page.evaluate((req) => new Promise((resolve, reject) => {
    const worker = new Worker('kifu/forecast-runner.js', { type: 'module' });
    const seen = [];
    worker.addEventListener('error', () => reject(new Error('the worker failed')));
    worker.addEventListener('message', ({ data }) => {
      // 'ready': the module is instantiated and the warm-up has begun; a
      // million rounds of it (three slices each) would take hours, so the
      // request is answered only if it does not wait for the warm-up.
      if (data.type === 'ready') worker.postMessage({ type: 'run', id: 7, request: req });
      if (data.type === 'warmed') seen.push({ warmed: data.slices, stopped: data.stopped });
      if (data.type === 'error') reject(new Error(data.message));
      if (data.type !== 'view') return;
      seen.push({ id: data.id, finished: data.view.finished, pathsDone: data.view.pathsDone, headline: data.view.headline, details: data.view.details, svg: data.view.svg });
      if (data.view.finished) {
        worker.terminate();
        resolve(seen);
      }
    });
    worker.postMessage({ type: 'prepare', lang: 'en', warmUpRounds: 1_000_000 });
  }), request);
  // The warm-up gave way: it ended, stopped by the request, before the last view.
  const warmed = views.filter((v) => v.warmed !== undefined);
  assert.equal(warmed.length, 1, JSON.stringify(warmed));
  assert.equal(warmed[0].stopped, true);
  views.splice(views.indexOf(warmed[0]), 1);
  assert.ok(views.length >= 2, `views: ${views.length}`);
  assert.deepEqual(views.map((v) => v.id), views.map(() => 7));
  assert.equal(views[0].finished, false);
  assert.equal(views[0].pathsDone, 100, 'the first partial view holds the first chunk of 100 paths');
  assert.ok(views.every((v, i) => i === 0 || v.pathsDone > views[i - 1].pathsDone), 'each view sharpens the last');
  const final = views.at(-1);
  assert.equal(final.pathsDone, 1000);
  const native = nativeForecast('en', 4, 1000);
  assert.equal(final.headline, native.headline);
  assert.deepEqual(final.details, native.details);
  assert.equal(final.svg, native.svg, 'the worker\'s own SVG text, before any browser re-serialising, is the native one');
  assert.deepEqual(problems, []);
  await context.close();
});
