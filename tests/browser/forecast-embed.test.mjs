// <kifu-forecast> as a registered widget (web/kifu/widgets.js): pasted with
// the versioned snippet on another origin's page (no worker can start from
// there, so it runs on the page) and in the iframe embed, like the others.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { hostPage, startTwoOrigins } from '../../build-scripts/lib/embed-fixtures.mjs';
import { newJapanContext, watchConsole } from '../../build-scripts/lib/browser.mjs';

let origins;
let kifu;
let host;
let browser;

before(async () => {
  origins = await startTwoOrigins({ frames: true });
  ({ kifu, host, browser } = origins);
});

after(() => origins?.close());

const DEMO = '/campaigns/animal-center/campaign.json';
// The demo campaign ends on 2027-03-31 (web/campaigns/animal-center/campaign.json).
const SENTENCE = /^At the current pace the goal is reached around [A-Z][a-z]+ \d{4}; there is .+ chance it is reached by the campaign's end \(Mar 31, 2027\)\.$/;

// The final view of the one <kifu-forecast> in `frame` (a page or a frame).
function finalForecast(frame) {
  return frame.waitForFunction(() => {
    const root = document.querySelector('kifu-forecast')?.shadowRoot;
    if (!root || root.querySelector('[part~="card"]').getAttribute('aria-busy') !== 'false') return false;
    return {
      headline: root.querySelector('[part~="headline"]').textContent,
      basis: root.querySelector('[part~="basis"]').textContent,
      chart: root.querySelector('[part~="chart"] svg')?.getAttribute('role') ?? '',
    };
  }, null, { timeout: 60_000, polling: 50 }).then((h) => h.jsonValue());
}

describe('the forecast embedded', { concurrency: true }, () => {
  test('the kifu/v1/embed.js snippet on another origin defines <kifu-forecast>, which shows its final sentence', async () => {
    const body = `<script type="module" src="${kifu}/kifu/v1/embed.js"></script>\n`
      + `<kifu-forecast campaign="${kifu}${DEMO}" lang="en" seed="3" paths="400"></kifu-forecast>`;
    host.setPage('/forecast', hostPage(body, { lang: 'en' }));
    const context = await newJapanContext(browser);
    const page = await context.newPage();
    const { problems } = watchConsole(page);
    // Listening from the start (an init script is not subject to the page's CSP).
    await page.addInitScript(() => {
      window.forecastEvents = [];
      document.addEventListener('kifu-forecast', (e) => window.forecastEvents.push({ tag: e.target.localName, status: e.detail.status }));
    });
    await page.goto(`${host.origin}/forecast`);
    const view = await finalForecast(page);
    assert.match(view.headline, SENTENCE);
    assert.equal(view.basis, 'Based on 400 simulated futures (seed 3)');
    assert.equal(view.chart, 'img');
    assert.deepEqual(await page.evaluate(() => window.forecastEvents), [{ tag: 'kifu-forecast', status: 'ok' }]);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the iframe embed builds <kifu-forecast> from ?widget=forecast, with seed and paths as numbers', async () => {
    const query = new URLSearchParams({ widget: 'forecast', campaign: `${kifu}${DEMO}`, lang: 'en', seed: '5', paths: '300' });
    host.setPage('/forecast-frame', hostPage(`<iframe data-kifu-embed title="Forecast" width="100%" height="640" src="${kifu}/kifu/v1/embed/?${query}"></iframe>`, { lang: 'en' }));
    const context = await newJapanContext(browser);
    const page = await context.newPage();
    await page.goto(`${host.origin}/forecast-frame`);
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    const view = await finalForecast(frame);
    assert.match(view.headline, SENTENCE);
    assert.equal(view.basis, 'Based on 300 simulated futures (seed 5)');
    await context.close();
  });
});
