// <kifu-forecast> on the demo pages in Chromium, under the site's CSP
// (script-src 'self' 'wasm-unsafe-eval'): the simulation runs in the worker,
// the first answer appears before the final one, and the final chart and
// sentence are the native kifu command's, byte for byte.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchChromium, newJapanContext, watchConsole } from '../../build-scripts/lib/browser.mjs';
import { startServer } from '../../build-scripts/lib/static-server.mjs';
import { DEMO_NOW, nativeForecast, svgPoints } from '../../build-scripts/lib/forecast-fixtures.mjs';
import { copySite } from '../../build-scripts/lib/test-support.mjs';

let site;
let server;
let browser;
const requests = [];

before(async () => {
  site = await copySite();
  server = await startServer({ root: site.dir, port: 0, onRequest: (req) => requests.push(req.url) });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await site?.remove();
});

function readForecast(element) {
  // Not defined yet: the site defines it when it comes near the screen.
  const root = element.shadowRoot ?? document.createDocumentFragment();
  return {
    headline: root.querySelector('[part~="headline"]')?.textContent ?? '',
    details: [...root.querySelectorAll('[part~="details"] li')].map((li) => li.textContent),
    basis: root.querySelector('[part~="basis"]')?.textContent ?? '',
    svg: root.querySelector('[part~="chart"] svg')?.outerHTML ?? '',
    role: root.querySelector('[part~="chart"] svg')?.getAttribute('role') ?? '',
    title: root.querySelector('[part~="chart"] svg title')?.textContent ?? '',
    busy: root.querySelector('[part~="card"]')?.getAttribute('aria-busy') ?? '',
    live: root.querySelector('[aria-live]')?.textContent ?? '',
  };
}

async function waitForForecast(page, predicate, timeout = 20_000) {
  const until = Date.now() + timeout;
  const seen = [];
  for (;;) {
    const view = await (await page.$('kifu-forecast')).evaluate(readForecast);
    if (seen.at(-1)?.basis !== view.basis) seen.push(view);
    if (predicate(view)) return { view, seen };
    if (Date.now() > until) throw new Error(`timed out; the forecast shows ${JSON.stringify(view).slice(0, 400)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

for (const [lang, page_path, sentence] of [
  ['ja', 'campaigns/animal-center/index.html', /^今のペースなら目標達成は\d{4}年\d{1,2}月ごろの見込みです。期間終了（2027年3月31日）までに達成する確率は/],
  ['en', 'en/campaigns/animal-center/index.html', /^At the current pace the goal is reached around [A-Z][a-z]+ \d{4}; there is a .+ chance it is reached by the campaign's end \(Mar 31, 2027\)\.$/],
]) {
  test(`the ${lang} demo page forecasts in a worker, sharpening to the native command's chart`, async () => {
    const context = await newJapanContext(browser);
    const page = await context.newPage();
    const { problems } = watchConsole(page);
    // The page's clock is the demo feed's time, so "now" is what the CLI gets.
    await page.addInitScript({ content: `Date.now = () => ${Date.parse(DEMO_NOW)};` });
    // Every view the worker posts, noted as it arrives (polling the page could
    // miss partial views now that a warm module finishes quickly).
    await page.addInitScript(() => {
      window.forecastViews = [];
      const PageWorker = window.Worker;
      window.Worker = class extends PageWorker {
        constructor(...args) {
          super(...args);
          this.addEventListener('message', ({ data }) => {
            if (data.type === 'view') window.forecastViews.push({ finished: data.view.finished, pathsDone: data.view.pathsDone });
          });
        }
      };
    });
    await page.goto(new URL(page_path, server.url).href);
    // The site defines the forecast when it comes near the screen: a reader scrolls to it.
    await page.locator('kifu-forecast').scrollIntoViewIfNeeded();
    const { view } = await waitForForecast(page, (v) => v.busy === 'false' && v.svg !== '');
    assert.match(view.headline, sentence);
    assert.equal(view.role, 'img');
    assert.equal(view.title, view.headline, 'the chart carries the sentence for screen readers');
    assert.equal(view.live, view.headline, 'the final sentence is announced once');
    assert.ok(requests.some((url) => url.endsWith('/kifu/forecast-runner.js')), 'the worker script was loaded');
    const views = await page.evaluate(() => window.forecastViews);
    assert.ok(views.length >= 2 && !views[0].finished && views[0].pathsDone < 2000, `views: ${JSON.stringify(views)}`);
    assert.deepEqual(views.at(-1), { finished: true, pathsDone: 2000 });

    const native = nativeForecast(lang, 1, 2000);
    assert.deepEqual(view.details, native.details);
    assert.equal(view.headline, native.headline);
    // The browser re-serialises the SVG; compare what it draws: every point list.
    assert.deepEqual(svgPoints(view.svg), svgPoints(native.svg));
    assert.deepEqual(problems, []);
    await context.close();
  });
}
