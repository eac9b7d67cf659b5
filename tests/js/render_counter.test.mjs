// `kifu render counter` prints what <kifu-counter> shows, from the same core
// call the browser makes: the native command and the wasm module (through
// web/kifu/core.js) must give the same bytes for every language, variant,
// compact setting, staleness and moment, for valid and invalid documents.
// The counter asks the core for the bar view (kifu-counter.js, coreVariant)
// and shows donorCount for donors, raisedCompact when compact, else raised.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { repoRoot, requireSite } from '../../build-scripts/lib/test-support.mjs';

const kifuBin = path.join(repoRoot, 'build', 'native', 'src', 'cli', 'kifu');
const data = path.join(repoRoot, 'tests', 'data');
const demo = path.join(repoRoot, 'web', 'campaigns', 'animal-center');

let core;
let dir;

before(async () => {
  if (!existsSync(kifuBin)) throw new Error(`${kifuBin} is missing: run build-scripts/build native first`);
  const site = requireSite();
  const { loadCore } = await import(pathToFileURL(path.join(site, 'kifu', 'core.js')).href);
  core = await loadCore({ wasmBinary: readFileSync(path.join(site, 'kifu', 'kifu-core.wasm')) });
  dir = mkdtempSync(path.join(os.tmpdir(), 'kifu-render-counter-'));
});
after(() => dir && rmSync(dir, { recursive: true, force: true }));

let count = 0;
function file(text) {
  count += 1;
  const p = path.join(dir, `doc-${count}.json`);
  writeFileSync(p, text);
  return p;
}

function kifu(...args) {
  const r = spawnSync(kifuBin, args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  assert.equal(r.signal, null, r.stderr);
  return r;
}

const sampleCampaign = readFileSync(path.join(data, 'campaign.json'), 'utf8');
const sampleFeed = readFileSync(path.join(data, 'feed.json'), 'utf8');
const feedWith = (changes) => JSON.stringify({ ...JSON.parse(sampleFeed), ...changes });
const bigFeed = sampleFeed.replace('"raised": 182600000', '"raised": 9007199254740993').replace(/"by_channel": \{[^}]*\},\n/, '');

const pairs = {
  'the sample documents': [sampleCampaign, sampleFeed],
  'the demo site documents': [readFileSync(path.join(demo, 'campaign.json'), 'utf8'), readFileSync(path.join(demo, 'feed.json'), 'utf8')],
  'a total of 2^53 + 1 yen': [sampleCampaign, bigFeed],
  'a feed for another campaign': [sampleCampaign, feedWith({ campaign_id: 'another' })],
  'an invalid campaign': [sampleCampaign.replace('"goal": 1100000000', '"goal": -1'), sampleFeed],
};
const nows = ['2026-11-27T10:03:00+09:00', '2027-04-01T00:00:00+09:00', '2026-11-20T10:00:00+09:00'];

// What the browser's counter shows, from the wasm module's view.
function browserCounter(campaignJson, feedJson, lang, variant, compact, now, stale) {
  const v = core.renderProgress({ campaignJson, feedJson, lang, variant: 'bar', nowUnixMs: Date.parse(now), stale });
  return {
    ok: v.ok,
    errors: v.errors,
    errorSource: v.errorSource,
    lang: v.lang,
    variant,
    value: variant === 'donors' ? v.donorCount : compact ? v.raisedCompact : v.raised,
    title: v.title,
    raised: v.raised,
    raisedCompact: v.raisedCompact,
    donorCount: v.donorCount,
    updated: v.updated,
    staleNote: v.staleNote,
    sampleNote: v.sampleNote,
    announcement: v.announcement,
  };
}

function counterArgs(campaignPath, feedPath, lang, variant, compact, now, stale) {
  const args = ['render', 'counter', '--campaign', campaignPath, '--feed', feedPath, '--lang', lang, '--variant', variant, '--now', now];
  if (compact) args.push('--compact');
  if (stale) args.push('--stale');
  return args;
}

describe('native and wasm give the same counter', () => {
  for (const [name, [campaignText, feedText]] of Object.entries(pairs)) {
    test(name, () => {
      const campaignPath = file(campaignText);
      const feedPath = file(feedText);
      let compared = 0;
      for (const lang of ['ja', 'en']) {
        for (const variant of ['raised', 'donors']) {
          for (const compact of [false, true]) {
            for (const stale of [false, true]) {
              for (const now of nows) {
                const args = counterArgs(campaignPath, feedPath, lang, variant, compact, now, stale);
                const expected = browserCounter(campaignText, feedText, lang, variant, compact, now, stale);
                const json = kifu(...args, '--json');
                assert.equal(json.status, expected.ok ? 0 : 1);
                assert.deepStrictEqual(JSON.parse(json.stdout), expected, args.join(' '));
                const plain = kifu(...args);
                assert.equal(plain.status, expected.ok ? 0 : 1);
                assert.equal(plain.stdout, expected.ok ? `${expected.value}\n` : '');
                compared += 1;
              }
            }
          }
        }
      }
      assert.equal(compared, 2 * 2 * 2 * 2 * nows.length);
    });
  }
});

describe('the counter says what a visitor reads', () => {
  const now = '2026-11-27T10:03:00+09:00';
  const render = (...extra) => kifu('render', 'counter', '--campaign', file(sampleCampaign), '--feed', file(sampleFeed), '--now', now, ...extra);

  test('the total in yen, and short when compact (182,600,000 yen is 1.8 oku)', () => {
    assert.equal(render().stdout, '182,600,000円\n');
    assert.equal(render('--compact').stdout, '1.8億円\n');
    assert.equal(render('--lang', 'en').stdout, '¥182,600,000\n');
  });

  test('the donors, grouped by thousands', () => {
    assert.equal(render('--variant', 'donors').stdout, '12,345\n');
  });

  test('a total above 2^53 keeps its last yen', () => {
    const r = kifu('render', 'counter', '--campaign', file(sampleCampaign), '--feed', file(bigFeed), '--now', now);
    assert.equal(r.stdout, '9,007,199,254,740,993円\n');
  });

  test('an invalid feed: exit 1 and the field named on stderr', () => {
    const r = kifu('render', 'counter', '--campaign', file(sampleCampaign), '--feed', file(feedWith({ campaign_id: 'another' })), '--now', now);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /\/campaign_id/);
  });

  test('usage errors exit 2', () => {
    assert.equal(kifu('render', 'counter', '--campaign', file(sampleCampaign)).status, 2);
    assert.equal(render('--variant', 'ring').status, 2);
    assert.equal(render('--now', '2026-11-27T10:00:00').status, 2);
    assert.equal(kifu('render', 'counter', '--campaign', file(sampleCampaign), '--feed', path.join(dir, 'missing.json')).status, 2);
  });
});
