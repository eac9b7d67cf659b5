// What the snippet (kifu/v1/embed.js) loads: only the modules of the widgets
// whose tags are on the page, a widget added later still comes alive, and
// the early start of the campaign's documents costs no second request.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { hostPage, startTwoOrigins, waitForLiveWidgets } from '../../build-scripts/lib/embed-fixtures.mjs';
import { newJapanContext, watchConsole } from '../../build-scripts/lib/browser.mjs';

let origins;
let kifu;
let host;
let browser;

before(async () => {
  origins = await startTwoOrigins();
  ({ kifu, host, browser } = origins);
});

after(() => origins?.close());

const DEMO = '/campaigns/animal-center/campaign.json';
const progress = (variant) => `<kifu-progress campaign="${kifu}${DEMO}" lang="ja" variant="${variant}"></kifu-progress>`;

// Opens `body` on the host with the snippet; returns the page and the paths
// it requested from the Kifu server, in order.
async function open(name, body) {
  host.setPage(name, hostPage(`<script type="module" src="${kifu}/kifu/v1/embed.js"></script>\n${body}`));
  const context = await newJapanContext(browser);
  const page = await context.newPage();
  const requested = [];
  page.on('request', (request) => {
    if (request.url().startsWith(kifu)) requested.push(new URL(request.url()).pathname);
  });
  const { problems } = watchConsole(page);
  await page.goto(`${host.origin}${name}`);
  return { page, context, requested, problems };
}

describe('what the snippet loads', { concurrency: true }, () => {
  test('a page with only <kifu-progress> fetches neither the estimator\'s nor the forecast\'s code, and defines no other widget', async () => {
    const { page, context, requested, problems } = await open('/only-progress', progress('bar'));
    await waitForLiveWidgets(page, 1);
    // The progress and counter widgets come in kifu-base.js, with the
    // modules every widget needs; the others are files of their own.
    assert.ok(requested.includes('/kifu/v1/kifu-base.js'), requested.join(' '));
    for (const other of ['kifu-estimator.js', 'kifu-estimator.mjs', 'kifu-estimator.wasm', 'kifu-forecast.js', 'forecast-runner.js', 'kifu-forecast.mjs', 'kifu-forecast.wasm']) {
      assert.ok(!requested.includes(`/kifu/v1/${other}`), `${other} in ${requested.join(' ')}`);
    }
    assert.equal(await page.evaluate(() => customElements.get('kifu-counter')), undefined);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a widget added after the page loaded is defined and shows the live total', async () => {
    const { page, context, problems } = await open('/added-later', progress('ring'));
    await waitForLiveWidgets(page, 1);
    await page.evaluate((campaign) => {
      const counter = document.createElement('kifu-counter');
      counter.setAttribute('campaign', campaign);
      counter.setAttribute('variant', 'donors');
      document.querySelector('main').append(counter);
    }, `${kifu}${DEMO}`);
    await waitForLiveWidgets(page, 2);
    assert.equal(await page.evaluate(() => document.querySelector('kifu-counter').constructor.name), 'KifuCounterElement');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('ten widgets and the early start request the definition and the feed once each', async () => {
    const { page, context, requested, problems } = await open('/ten', Array.from({ length: 10 }, (_, i) => progress(['bar', 'ring', 'thermometer'][i % 3])).join('\n'));
    await waitForLiveWidgets(page, 10);
    assert.deepEqual(requested.filter((p) => p.startsWith('/campaigns/')), [DEMO, '/campaigns/animal-center/feed.json']);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
