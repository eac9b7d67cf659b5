// The wasm module through its JavaScript face (web/kifu/core.js as built into
// build/site), under Node with the .wasm handed over as bytes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { demoDocuments, requireSite } from '../../build-scripts/lib/test-support.mjs';

let core;
let campaignText;
let feedText;
// The demo feed's as_of (2026-11-27 10:00 in Tokyo) plus three minutes.
const asOf = Date.parse('2026-11-27T10:00:00+09:00');
const now = asOf + 3 * 60 * 1000;

before(async () => {
  const site = requireSite();
  const { loadCore } = await import(pathToFileURL(path.join(site, 'kifu', 'core.js')).href);
  core = await loadCore({ wasmBinary: readFileSync(path.join(site, 'kifu', 'kifu-core.wasm')) });
  ({ campaignText, feedText } = await demoDocuments());
});

function feedWith(changes) {
  return JSON.stringify({ ...JSON.parse(feedText), ...changes });
}

function render(overrides = {}) {
  return core.renderProgress({ campaignJson: campaignText, feedJson: feedText, lang: 'ja', variant: 'bar', nowUnixMs: now, stale: false, ...overrides });
}

describe('the demo campaign, rendered', () => {
  test('shows the total, the goal and 16.6% in Japanese', () => {
    const view = render();
    assert.deepEqual(view.errors, []);
    assert.equal(view.ok, true);
    assert.equal(view.title, 'みなと県 動物愛護センター建設基金');
    assert.equal(view.raised, '182,600,000円');
    assert.equal(view.raisedCompact, '1.8億円');
    assert.equal(view.goal, '1,100,000,000円');
    assert.equal(view.goalCompact, '11億円');
    assert.equal(view.goalLabel, '目標 11億円');
    // 182,600,000 / 1,100,000,000 = 0.166000 -> 16.6%
    assert.equal(view.percent, '16.6%');
    assert.equal(view.ariaValuenow, '16.6');
    // 1,100,000,000 - 182,600,000 = 917,400,000: 9億1,740万円, or 9.2億円 in short form
    assert.match(view.remaining, /^目標まであと(9億1,740万円|9\.2億円)$/);
    assert.match(view.donors, /^12,345人/);
    // Nov 27..30 (4) + Dec 31 + Jan 31 + Feb 28 + Mar 31 = 125 days, today included
    assert.equal(view.days, '残り125日');
    assert.match(view.updated, /3分前/);
    assert.equal(view.staleNote, '');
    assert.notEqual(view.sampleNote, '');
    assert.match(view.ariaValuetext, /16\.6/);
    assert.equal(view.goalReached, false);
  });

  test('shows the same numbers in English', () => {
    const view = render({ lang: 'en' });
    assert.equal(view.ok, true);
    assert.equal(view.title, 'Minato Prefecture Animal Protection Center Fund');
    assert.equal(view.raised, '¥182,600,000');
    assert.equal(view.raisedCompact, '¥182.6M');
    assert.equal(view.goal, '¥1,100,000,000');
    assert.equal(view.goalLabel, 'Goal ¥1.1B');
    assert.equal(view.percent, '16.6%');
    assert.equal(view.remaining, '¥917.4M to go');
    assert.match(view.donors, /^12,345 donors/);
    assert.equal(view.days, '125 days left');
    assert.match(view.updated, /^Updated 3 minutes ago$/);
    assert.match(view.nextMilestone, /Land/);
  });

  test('draws a bar whose fill is 166 of 1000 units, and a ring', () => {
    const bar = render().svg;
    assert.match(bar, /^<svg[^>]*viewBox="0 0 1000 24"/);
    assert.match(bar, /class="kifu-fill"[^>]*width="166"/);
    const ring = render({ variant: 'ring' }).svg;
    assert.match(ring, /class="kifu-ring"/);
    assert.match(ring, /16\.6%/);
  });

  test('says the data is stale, with its age, only when asked', () => {
    assert.equal(render().staleNote, '');
    const stale = render({ stale: true, nowUnixMs: asOf + 3 * 60 * 1000 });
    assert.notEqual(stale.staleNote, '');
    assert.match(stale.staleNote, /3分前/);
    assert.equal(stale.raised, '182,600,000円', 'the last good total stays');
  });

  test('escapes a hostile title in the SVG but returns it as plain text', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const campaign = JSON.parse(campaignText);
    campaign.title = { ja: hostile, en: hostile };
    campaign.milestones[0].label = { ja: hostile, en: hostile };
    const view = render({ campaignJson: JSON.stringify(campaign) });
    assert.equal(view.ok, true);
    assert.equal(view.title, hostile);
    assert.doesNotMatch(view.svg, /<img/);
  });

  test('counts past the goal while the bar stops at full', () => {
    const view = render({ feedJson: feedWith({ raised: 1_235_300_000, by_channel: { points: 1_235_300_000, card: 0, transfer: 0, offline: 0 } }) });
    assert.equal(view.ok, true, JSON.stringify(view.errors));
    assert.equal(view.percent, '112.3%');
    assert.equal(view.ariaValuenow, '100');
    assert.equal(view.goalReached, true);
  });
});

describe('bad arguments are refused by the JavaScript layer', () => {
  test('a number where the campaign text belongs', () => {
    assert.throws(() => render({ campaignJson: 42 }), { name: 'TypeError', message: /campaignJson/ });
  });
  test('a missing feed', () => {
    assert.throws(() => core.renderProgress({ campaignJson: campaignText, nowUnixMs: now }), { name: 'TypeError', message: /feedJson/ });
  });
  test('a time given as a string', () => {
    assert.throws(() => render({ nowUnixMs: '1790000000000' }), { name: 'TypeError', message: /nowUnixMs/ });
    assert.throws(() => render({ nowUnixMs: Number.NaN }), { name: 'TypeError', message: /nowUnixMs/ });
  });
  test('a language or variant the core does not speak', () => {
    assert.throws(() => render({ lang: 'fr' }), { name: 'TypeError', message: /lang/ });
    assert.throws(() => render({ variant: 'pie' }), { name: 'TypeError', message: /variant/ });
  });
  test('stale given as a string', () => {
    assert.throws(() => render({ stale: 'yes' }), { name: 'TypeError', message: /stale/ });
  });
  test('no request object at all', () => {
    assert.throws(() => core.renderProgress(), { name: 'TypeError', message: /request/ });
  });
  test('validation of something that is not text', () => {
    assert.throws(() => core.validateCampaign({ id: 'x' }), { name: 'TypeError', message: /campaignText/ });
    assert.throws(() => core.validateFeed(null), { name: 'TypeError', message: /feedText/ });
  });
  test('amounts that a JavaScript number may have rounded', () => {
    assert.throws(() => core.formatAmount(2 ** 60, 'JPY', 'ja'), { name: 'TypeError', message: /minorUnits/ });
    assert.throws(() => core.formatAmount(1.5, 'JPY', 'ja'), { name: 'TypeError', message: /minorUnits/ });
    assert.throws(() => core.formatAmount('12e3', 'JPY', 'ja'), { name: 'TypeError', message: /minorUnits/ });
    assert.throws(() => core.formatAmount('1', 'yen', 'ja'), { name: 'TypeError', message: /currencyCode/ });
  });
});

describe('amounts format without losing digits', () => {
  test('decimal strings, BigInts and safe integers', () => {
    assert.deepEqual(core.formatAmount('182600000', 'JPY', 'ja', { compact: true }), { ok: true, text: '1.8億円', error: '' });
    assert.equal(core.formatAmount(1_100_000_000n, 'JPY', 'ja').text, '1,100,000,000円');
    assert.equal(core.formatAmount(1_100_000_000, 'JPY', 'en').text, '¥1,100,000,000');
    assert.equal(core.formatAmount(182_600_000, 'JPY', 'en', { compact: true }).text, '¥182.6M');
  });
  test('beyond 2^53 as a string', () => {
    const result = core.formatAmount('9007199254740993', 'JPY', 'ja');
    assert.equal(result.ok, true, result.error);
    assert.equal(result.text, '9,007,199,254,740,993円');
  });
});

describe('validation names the field', () => {
  test('the demo documents are valid', () => {
    const campaign = core.validateCampaign(campaignText);
    assert.deepEqual(campaign.errors, []);
    assert.equal(campaign.kind, 'campaign');
    const feed = core.validateFeed(feedText, campaignText);
    assert.deepEqual(feed.errors, []);
    assert.equal(feed.ok, true);
    assert.ok(Array.isArray(feed.warnings));
  });

  const pointers = (result) => result.errors.map((e) => e.pointer);

  test('a negative total', () => {
    const result = core.validateFeed(feedWith({ raised: -5 }), campaignText);
    assert.equal(result.ok, false);
    assert.ok(pointers(result).includes('/raised'), JSON.stringify(result.errors));
  });
  test('channels that do not add up to the total', () => {
    const result = core.validateFeed(feedWith({ raised: 182_600_001 }), campaignText);
    assert.equal(result.ok, false);
    assert.ok(pointers(result).some((p) => p === '/by_channel' || p === '/raised'), JSON.stringify(result.errors));
  });
  test('fewer donations than donors', () => {
    const result = core.validateFeed(feedWith({ donations: 100 }), campaignText);
    assert.equal(result.ok, false);
    assert.ok(pointers(result).includes('/donations'), JSON.stringify(result.errors));
  });
  test("another campaign's feed", () => {
    const result = core.validateFeed(feedWith({ campaign_id: 'other-campaign' }), campaignText);
    assert.equal(result.ok, false);
    assert.ok(pointers(result).includes('/campaign_id'), JSON.stringify(result.errors));
  });
  test('a total missing', () => {
    const feed = JSON.parse(feedText);
    delete feed.raised;
    const result = core.validateFeed(JSON.stringify(feed), campaignText);
    assert.equal(result.ok, false);
    assert.ok(pointers(result).includes('/raised'), JSON.stringify(result.errors));
  });
  test('text that is not JSON', () => {
    const result = core.validateFeed('{"raised": 1', campaignText);
    assert.equal(result.ok, false);
    assert.ok(result.errors.length > 0);
  });
  test('a campaign without a goal', () => {
    const campaign = JSON.parse(campaignText);
    delete campaign.goal;
    const result = core.validateCampaign(JSON.stringify(campaign));
    assert.equal(result.ok, false);
    assert.ok(pointers(result).includes('/goal'), JSON.stringify(result.errors));
  });
  test('render refuses an invalid feed, naming the field', () => {
    const view = render({ feedJson: feedWith({ raised: -5 }) });
    assert.equal(view.ok, false);
    assert.ok(view.errors.some((e) => e.pointer === '/raised'), JSON.stringify(view.errors));
  });
});

describe('the module', () => {
  test('is loaded once however many callers ask', async () => {
    const { loadCore } = await import(pathToFileURL(path.join(requireSite(), 'kifu', 'core.js')).href);
    assert.equal(await loadCore(), core);
  });
});

// A page of widgets asks the same question again and again (core.js keeps
// the newest answers): a repeat must be a copy, and every part of the
// request must still change the answer.
describe('a repeated request', () => {
  test('answers with an equal view that the caller may change freely', () => {
    const first = render();
    first.raised = 'changed by a caller';
    first.errors.push({ pointer: '/x', message: 'added by a caller' });
    const again = render();
    assert.equal(again.raised, '182,600,000円');
    assert.deepEqual(again.errors, []);
  });

  test('is answered anew when any part of the request differs', () => {
    assert.match(render().updated, /3分前/);
    assert.match(render({ nowUnixMs: asOf + 10 * 60 * 1000 }).updated, /10分前/);
    assert.equal(render({ feedJson: feedWith({ raised: 200_000_000, by_channel: { points: 200_000_000, card: 0, transfer: 0, offline: 0 } }) }).raised, '200,000,000円');
    assert.equal(render({ lang: 'en' }).raised, '¥182,600,000');
    assert.notEqual(render({ stale: true }).staleNote, '');
    assert.notEqual(render({ variant: 'ring' }).svg, render().svg);
    // A definition with another title (same length of text or not).
    const renamed = JSON.stringify({ ...JSON.parse(campaignText), title: { ja: '別の基金', en: 'Another fund' } });
    assert.equal(render({ campaignJson: renamed }).title, '別の基金');
    assert.match(render().updated, /3分前/, 'the first answer is still the same');
  });
});
