// <kifu-progress> on small test campaigns (feeds polled every 5 s): what it
// does when the feed fails, turns invalid, or the campaign is hostile. The
// cases run side by side, each on its own campaign and page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchChromium, newJapanContext, watchConsole } from '../../build-scripts/lib/browser.mjs';
import { startServer } from '../../build-scripts/lib/static-server.mjs';
import { copySite } from '../../build-scripts/lib/test-support.mjs';
import { addCampaign, feedDocument, readWidget } from '../../build-scripts/lib/widget-fixtures.mjs';

let site;
let server;
let browser;
const requests = [];

before(async () => {
  site = await copySite();
  server = await startServer({ root: site.dir, port: 0, onRequest: (req, res) => requests.push({ path: req.url, status: res.statusCode, at: Date.now() }) });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await site?.remove();
});

// hold: { glob: ms } holds those responses back, to choose what arrives
// first (the core's wasm, the definition, the feed).
async function open(pathName, { hold = {} } = {}) {
  const context = await newJapanContext(browser);
  for (const [glob, ms] of Object.entries(hold)) {
    await context.route(glob, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      await route.continue();
    });
  }
  const page = await context.newPage();
  const watched = watchConsole(page);
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss();
  });
  await page.goto(new URL(pathName, server.url).href);
  return { page, context, dialogs, ...watched };
}

// Reads the first widget's state (readWidget, in the page) until `predicate`
// holds for it. Feeds poll every 5 s; after a failure the next try is 10 s
// later. Polled from here because the page's CSP forbids building functions
// from strings there.
async function waitForWidget(page, predicate, timeout = 25_000) {
  const until = Date.now() + timeout;
  let view;
  for (;;) {
    view = await page.evaluate(`document.querySelector('kifu-progress')?.shadowRoot ? 1 : 0`) ? await (await page.$('kifu-progress')).evaluate(readWidget) : null;
    if (view && predicate(view)) return view;
    if (Date.now() > until) throw new Error(`timed out; the widget shows ${JSON.stringify(view)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the widget', { concurrency: true }, () => {
  test('keeps the last good total and says it is stale when the feed becomes unreachable', async () => {
    const threeMinutesAgo = new Date(Date.now() - 3 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const campaign = await addCampaign(site.dir, 't-unreachable', { raised: 250_000, asOf: threeMinutesAgo });
    const { page, context, warnings } = await open(campaign.page);
    await waitForWidget(page, (v) => v.amount === '250,000円');
    const errorEvent = page.evaluate(
      () => new Promise((resolve) => document.addEventListener('kifu-error', (e) => resolve(e.detail), { once: true })),
    );
    await campaign.removeFeed();
    const stale = await waitForWidget(page, (v) => v.stale !== '');
    assert.equal(stale.amount, '250,000円', 'the last good total stays');
    assert.equal(stale.valuenow, '25');
    const detail = await errorEvent;
    assert.match(detail.reason, /404/);
    assert.equal(detail.stale, true);
    assert.match(stale.stale, /3分前/, 'the stale note gives the age');
    assert.ok(warnings.some((w) => /t-unreachable\/feed\.json.*404/.test(w)), warnings.join('\n'));
    // Back again, with a new total: the note goes away.
    await campaign.setRaised(400_000);
    const fresh = await waitForWidget(page, (v) => v.amount === '400,000円' && v.stale === '');
    assert.equal(fresh.valuenow, '40');
    await context.close();
  });

  test('keeps the last good total when the new feed is invalid, and warns once', async () => {
    const campaign = await addCampaign(site.dir, 't-invalid', { raised: 300_000 });
    const { page, context, warnings, problems } = await open(campaign.page);
    await waitForWidget(page, (v) => v.amount === '300,000円');
    await campaign.setFeed({ ...feedDocument('t-invalid', 300_000), raised: -5 });
    const stale = await waitForWidget(page, (v) => v.stale !== '');
    assert.equal(stale.amount, '300,000円');
    assert.equal(stale.valuenow, '30');
    const raisedWarnings = warnings.filter((w) => w.includes('/raised'));
    assert.equal(raisedWarnings.length, 1, warnings.join('\n'));
    // Invalid data is not a page error: nothing reaches console.error.
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a first feed that is invalid shows no total and names the feed and the field', async () => {
    const campaign = await addCampaign(site.dir, 't-invalid-first', { raised: 300_000 });
    await campaign.setFeed({ ...feedDocument('t-invalid-first', 300_000), raised: -5 });
    const { page, context, warnings, problems } = await open(campaign.page, { hold: { '**/kifu-core.wasm': 1500 } });
    const view = await waitForWidget(page, (v) => v.stale !== '');
    assert.equal(view.stale, '集計を読み込めませんでした');
    assert.equal(view.loading, true, 'the placeholder stays: no number is made up');
    assert.equal(view.valuenow, null);
    assert.ok(warnings.some((w) => /t-invalid-first\/feed\.json: \/raised: /.test(w)), warnings.join('\n'));
    assert.deepEqual(problems, []);
    // A valid feed at the next poll (every 5 s) brings the total.
    await campaign.setRaised(400_000);
    const live = await waitForWidget(page, (v) => v.amount === '400,000円' && v.stale === '');
    assert.equal(live.valuenow, '40');
    await context.close();
  });

  test('an invalid definition shows no total, names the definition and the field, and stops polling', async () => {
    // A negative goal (and so a negative milestone) with a feed that is fine on its own.
    const campaign = await addCampaign(site.dir, 't-bad-definition', { goal: -1_000_000 });
    const { page, context, warnings, problems } = await open(campaign.page, { hold: { '**/kifu-core.wasm': 1500 } });
    const view = await waitForWidget(page, (v) => v.stale !== '');
    assert.equal(view.stale, '集計を読み込めませんでした');
    assert.equal(view.loading, true);
    assert.ok(warnings.some((w) => /t-bad-definition\/campaign\.json: .*\/goal: /.test(w)), warnings.join('\n'));
    assert.deepEqual(problems, []);
    const failedAt = Date.now();
    await page.waitForTimeout(7_000); // longer than the 5 s poll
    const polls = requests.filter((r) => r.path.startsWith('/campaigns/t-bad-definition/feed.json') && r.at > failedAt + 200);
    assert.deepEqual(polls, [], 'a feed judged against a broken definition is not polled');
    await context.close();
  });

  test('an invalid definition whose feed is missing is reported as the definition\'s fault', async () => {
    const campaign = await addCampaign(site.dir, 't-bad-both', { goal: -1_000_000 });
    await campaign.removeFeed();
    // The core is ready before the feed's 404 comes back.
    const { page, context, warnings, problems } = await open(campaign.page, { hold: { '**/t-bad-both/feed.json*': 1500 } });
    const view = await waitForWidget(page, (v) => v.stale !== '');
    assert.equal(view.stale, '集計を読み込めませんでした');
    await page.waitForTimeout(500);
    assert.ok(warnings.some((w) => /t-bad-both\/campaign\.json: .*\/goal: /.test(w)), warnings.join('\n'));
    // The browser's own note about the 404 is the only console error.
    assert.deepEqual(problems.filter((p) => !p.includes('404 (Not Found)')), []);
    await context.close();
  });

  test('shows a hostile title as text: no element, no script', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const campaign = await addCampaign(site.dir, 't-hostile', { title: hostile });
    const { page, context, dialogs, problems } = await open(campaign.page);
    const view = await waitForWidget(page, (v) => !v.loading);
    assert.equal(view.title, hostile);
    const images = await page.evaluate(() => {
      const el = document.querySelector('kifu-progress');
      return document.querySelectorAll('img').length + el.shadowRoot.querySelectorAll('img').length;
    });
    assert.equal(images, 0);
    await page.waitForTimeout(300);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('switches language and look when its attributes change, in one render', async () => {
    const campaign = await addCampaign(site.dir, 't-attributes', { raised: 500_000 });
    const { page, context, problems } = await open(campaign.page);
    await waitForWidget(page, (v) => v.amount === '500,000円');
    const renders = await page.evaluate(async () => {
      const el = document.querySelector('kifu-progress');
      let svgSwaps = 0;
      new MutationObserver((records) => {
        svgSwaps += records.filter((r) => r.target.getAttribute?.('role') === 'progressbar').length;
      }).observe(el.shadowRoot, { childList: true, subtree: true });
      el.lang = 'en';
      el.variant = 'ring';
      el.setAttribute('lang', 'en');
      await new Promise((resolve) => setTimeout(resolve, 50));
      return svgSwaps;
    });
    assert.equal(renders, 1, 'three attribute changes, one new graphic');
    const view = await waitForWidget(page, (v) => v.amount === '¥500,000');
    assert.match(view.valuetext, /50%/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('stops polling once removed from the page', async () => {
    const campaign = await addCampaign(site.dir, 't-removed', { raised: 100_000 });
    const { page, context } = await open(campaign.page);
    await waitForWidget(page, (v) => v.amount === '100,000円');
    await page.evaluate(() => document.querySelector('kifu-progress').remove());
    const removedAt = Date.now();
    await page.waitForTimeout(7_000);
    const later = requests.filter((r) => r.path.startsWith('/campaigns/t-removed/feed.json') && r.at > removedAt + 200);
    assert.deepEqual(later, []);
    await context.close();
  });
});
