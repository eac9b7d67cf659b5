// kifu-core's own bindings (src/wasm/core_bindings.cpp: Embind functions
// over strings that return JSON, read by web/kifu/core.js): texts of any size and content arrive
// intact, results come back as exact strings however they are escaped, and
// the module's one snprintf (its one format: src/wasm/integer_snprintf.cpp)
// still writes nlohmann's "<U+001F>" into a parse error, and its strtod
// (JSON numbers rounded by JavaScript: src/wasm/json_strtod.cpp) reads
// numbers as glibc's does in the native build.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { demoDocuments, repoRoot, requireSite } from '../../build-scripts/lib/test-support.mjs';

let core;
let estimatorCore;
let raw;
let campaignText;
let feedText;
// The demo feed's as_of (2026-11-27 10:00 in Tokyo) plus three minutes.
const now = Date.parse('2026-11-27T10:03:00+09:00');

before(async () => {
  const site = requireSite();
  const wasmBinary = readFileSync(path.join(site, 'kifu', 'kifu-core.wasm'));
  const { loadCore, loadEstimatorCore } = await import(pathToFileURL(path.join(site, 'kifu', 'core.js')).href);
  core = await loadCore({ wasmBinary });
  // The estimator's module links the same strtod and snprintf.
  estimatorCore = await loadEstimatorCore({ wasmBinary: readFileSync(path.join(site, 'kifu', 'kifu-estimator.wasm')) });
  const { default: createKifuCore } = await import(pathToFileURL(path.join(site, 'kifu', 'kifu-core.mjs')).href);
  raw = await createKifuCore({ wasmBinary });
  ({ campaignText, feedText } = await demoDocuments());
});

const withTitle = (title) => JSON.stringify({ ...JSON.parse(campaignText), title: { ja: title, en: title } });

describe('the module itself: four Embind functions returning JSON text', () => {
  test('binds the four calls by name and nothing of Embind\'s value types', () => {
    for (const name of ['renderProgressJson', 'validateCampaignJson', 'validateFeedJson', 'formatAmountJson']) {
      assert.equal(typeof raw[name], 'function', name);
    }
    // The estimator's module binds value_object functions under these names.
    assert.equal(raw.renderProgress, undefined);
    assert.equal(raw.validateCampaign, undefined);
  });

  test('each returns one JSON text', () => {
    const text = raw.formatAmountJson('182600000', 'JPY', 'en', false);
    assert.equal(typeof text, 'string');
    assert.deepEqual(JSON.parse(text), { ok: true, text: '¥182,600,000', error: '' });
  });
});

describe('texts cross both ways exactly', () => {
  test('a title with quotes, backslashes and non-ASCII comes back as it went in', () => {
    // (The core refuses control characters in a title, so none can come back.)
    const title = 'He said "hi" \\ back — 寄付 🐾 </svg>';
    const view = core.renderProgress({ campaignJson: withTitle(title), feedJson: feedText, lang: 'ja', nowUnixMs: now });
    assert.deepEqual(view.errors, []);
    assert.equal(view.title, title);
  });

  test('a 3 MB text (the memory grows past its initial 1 MB) is read and refused for its size', () => {
    const big = ' '.repeat(3_000_000);
    const result = core.validateCampaign(big);
    assert.equal(result.ok, false);
    // 1 MiB = 1,048,576 bytes (campaign.hpp: 1 << 20).
    assert.deepEqual(result.errors, [{ pointer: '', message: 'is 3000000 bytes; the limit is 1048576 bytes (1 MiB)' }]);
    // And the module still works after its memory grew.
    assert.equal(core.renderProgress({ campaignJson: campaignText, feedJson: feedText, nowUnixMs: now }).raised, '182,600,000円');
  });

  test('lists are plain arrays of {pointer, message}', () => {
    const result = core.validateCampaign(JSON.stringify({ ...JSON.parse(campaignText), goal: -1 }));
    assert.equal(result.ok, false);
    assert.ok(Array.isArray(result.errors) && Array.isArray(result.warnings));
    assert.equal(result.errors[0].pointer, '/goal');
    assert.deepEqual(Object.keys(result.errors[0]).sort(), ['message', 'pointer']);
  });

  test('booleans arrive as booleans: stale on, goal not reached', () => {
    const view = core.renderProgress({ campaignJson: campaignText, feedJson: feedText, nowUnixMs: now, stale: true });
    assert.equal(view.ok, true);
    assert.equal(view.goalReached, false);
    assert.notEqual(view.staleNote, '');
  });

  test('formatAmount with compact on and off', () => {
    // 182,600,000 yen: 1.826 億 rounds down to 1.8億.
    assert.deepEqual(core.formatAmount('182600000', 'JPY', 'ja', { compact: true }), { ok: true, text: '1.8億円', error: '' });
    assert.deepEqual(core.formatAmount('182600000', 'JPY', 'ja'), { ok: true, text: '182,600,000円', error: '' });
  });
});

describe('parse errors name a control character as <U+XXXX> (the one snprintf format)', () => {
  // nlohmann's lexer writes the bytes it read last, a control character as
  // "<U+%.4X>": U+001F is the unit separator, 0x1F = 31.
  test('a raw U+001F inside a string', () => {
    const result = core.validateCampaign('{"title": "a\u001fb"}');
    assert.equal(result.ok, false);
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0].message, /control character U\+001F \(US\) must be escaped/);
    assert.ok(result.errors[0].message.endsWith('last read: \'"a<U+001F>\''), result.errors[0].message);
  });

  test('a raw U+0001 inside a string, in both modules', () => {
    for (const module of [core, estimatorCore]) {
      const { errors } = module.validateCampaign('{"title": "\u0001"}');
      assert.ok(errors[0].message.endsWith('last read: \'"<U+0001>\''), errors[0].message);
    }
  });
});

describe('numbers with a fraction or exponent read as the native build (glibc strtod) reads them', () => {
  const kifuBin = path.join(repoRoot, 'build', 'native', 'src', 'cli', 'kifu');
  let dir;
  before(() => {
    if (!existsSync(kifuBin)) throw new Error(`${kifuBin} is missing: run build-scripts/build native first`);
    dir = mkdtempSync(path.join(os.tmpdir(), 'kifu-strtod-'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  // The goal as raw JSON text: the core tells a float beyond +-9.2e18 (no
  // 64-bit form) from a smaller one, and nlohmann refuses a number that
  // overflows a double. 18446744073709551616 = 2^64 (no integer form either).
  const GOALS = ['9.2e18', '9.199999999999999e18', '9.2000000000000001e18', '-9.2e18', '1e400', '-1E+400', '1.5',
    '0.1e-400', '18446744073709551616', '1e2', '123456789012345678901234567890.5e-10'];
  for (const goal of GOALS) {
    test(`goal ${goal}`, () => {
      const text = campaignText.replace(/"goal": *[0-9]+/, `"goal": ${goal}`);
      assert.notEqual(text, campaignText);
      const p = path.join(dir, 'campaign.json');
      writeFileSync(p, text);
      const r = spawnSync(kifuBin, ['validate', p, '--as', 'campaign', '--json'], { encoding: 'utf8' });
      const { ok, kind, errors, warnings } = JSON.parse(r.stdout);
      assert.equal(ok, false); // a goal must be a positive integer
      assert.deepEqual(core.validateCampaign(text), { ok, kind, errors, warnings });
      assert.deepEqual(estimatorCore.validateCampaign(text), { ok, kind, errors, warnings });
    });
  }

  test('the two sides of 9.2e18 give different messages (so the cases above tell them apart)', () => {
    const message = (goal) => core.validateCampaign(campaignText.replace(/"goal": *[0-9]+/, `"goal": ${goal}`)).errors[0].message;
    assert.match(message('9.2e18'), /beyond the largest amount/);
    assert.doesNotMatch(message('9.199999999999999e18'), /beyond the largest amount/);
    assert.match(message('1e400'), /number overflow/);
  });
});
