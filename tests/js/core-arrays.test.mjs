// The browser module's raw Embind API (kifu-core.mjs + .wasm, without
// core.js in between): lists arrive as plain JavaScript arrays, and the one
// snprintf the module holds (integers only: src/wasm/integer_snprintf.cpp)
// still writes nlohmann's "<U+001F>" into a parse error.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { demoDocuments, requireSite } from '../../build-scripts/lib/test-support.mjs';

let raw;
let estimator;
let campaignText;
let feedText;

before(async () => {
  const site = requireSite();
  const wasm = (name) => readFileSync(path.join(site, 'kifu', name));
  const { default: createKifuCore } = await import(pathToFileURL(path.join(site, 'kifu', 'kifu-core.mjs')).href);
  raw = await createKifuCore({ wasmBinary: wasm('kifu-core.wasm') });
  const { default: createKifuEstimator } = await import(pathToFileURL(path.join(site, 'kifu', 'kifu-estimator.mjs')).href);
  estimator = await createKifuEstimator({ wasmBinary: wasm('kifu-estimator.wasm') });
  ({ campaignText, feedText } = await demoDocuments());
});

const isPlainList = (list) => Array.isArray(list) && list.every((item) => Object.getPrototypeOf(item) === Object.prototype);

describe('lists cross as plain arrays (no Embind vector to delete)', () => {
  test('a refused campaign: errors is an array of {pointer, message}', () => {
    // A negative goal: one error at /goal.
    const campaign = JSON.stringify({ ...JSON.parse(campaignText), goal: -1 });
    const result = raw.validateCampaign(campaign);
    assert.equal(result.ok, false);
    assert.ok(isPlainList(result.errors), 'errors is a plain array');
    assert.ok(isPlainList(result.warnings), 'warnings is a plain array');
    assert.deepEqual(Object.keys(result.errors[0]).sort(), ['message', 'pointer']);
    assert.equal(result.errors[0].pointer, '/goal');
  });

  test('a rendered progress view: errors is an empty array', () => {
    const view = raw.renderProgress({ campaignJson: campaignText, feedJson: feedText, lang: 'ja', variant: 'bar', nowUnixMs: Date.parse('2026-11-27T10:03:00+09:00'), stale: false });
    assert.equal(view.ok, true);
    assert.deepEqual(view.errors, []);
    assert.ok(Array.isArray(view.errors));
  });

  test('the estimator: programs is an array of plain objects, one per point program', () => {
    const view = estimator.renderEstimate({ campaignJson: campaignText, feedJson: feedText, inputsJson: '{"balances":{},"target":""}', lang: 'ja', nowUnixMs: Date.parse('2026-11-27T10:03:00+09:00') });
    assert.equal(view.ok, true);
    assert.ok(isPlainList(view.programs));
    assert.deepEqual(view.programs.map((p) => p.id), JSON.parse(campaignText).point_programs.map((p) => p.id));
  });
});

describe('parse errors name a control character as <U+XXXX> (integer snprintf)', () => {
  // nlohmann's lexer writes the bytes it read last, a control character as
  // "<U+%.4X>": U+001F is the unit separator, 0x1F = 31.
  test('a raw U+001F inside a string', () => {
    const result = raw.validateCampaign('{"title": "a\u001fb"}');
    assert.equal(result.ok, false);
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0].message, /control character U\+001F \(US\) must be escaped/);
    assert.ok(result.errors[0].message.endsWith('last read: \'"a<U+001F>\''), result.errors[0].message);
  });

  test('a raw U+0001 inside a string', () => {
    const { errors } = raw.validateCampaign('{"title": "\u0001"}');
    assert.ok(errors[0].message.endsWith('last read: \'"<U+0001>\''), errors[0].message);
  });
});
