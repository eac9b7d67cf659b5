// The estimator through core.js: its argument checks, the demo campaign's
// answers, and the same answers from the native `kifu render estimate` for a
// few hundred generated inputs (seeded), byte for byte.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { repoRoot, requireSite } from '../../build-scripts/lib/test-support.mjs';

const kifuBin = path.join(repoRoot, 'build', 'native', 'src', 'cli', 'kifu');
const demo = path.join(repoRoot, 'web', 'campaigns', 'animal-center');
const nowIso = '2026-11-27T10:03:00+09:00';
const now = Date.parse(nowIso);

let core;
let dir;
let campaignJson;
let feedJson;

before(async () => {
  if (!existsSync(kifuBin)) throw new Error(`${kifuBin} is missing: run build-scripts/build native first`);
  const site = requireSite();
  const { loadEstimatorCore } = await import(pathToFileURL(path.join(site, 'kifu', 'core.js')).href);
  core = await loadEstimatorCore({ wasmBinary: readFileSync(path.join(site, 'kifu', 'kifu-estimator.wasm')) });
  dir = mkdtempSync(path.join(os.tmpdir(), 'kifu-estimator-'));
  campaignJson = readFileSync(path.join(demo, 'campaign.json'), 'utf8');
  feedJson = readFileSync(path.join(demo, 'feed.json'), 'utf8');
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function estimate(request) {
  return core.renderEstimate({ campaignJson, feedJson, lang: 'ja', nowUnixMs: now, ...request });
}

describe('renderEstimate', () => {
  test('3,000 card points become ¥15,000 in the demo campaign', () => {
    const view = estimate({ balances: { 'card-points': '３０００' } });
    assert.equal(view.ok, true);
    assert.deepEqual(view.errors, []);
    const card = view.programs.find((p) => p.id === 'card-points');
    assert.equal(card.result, '3,000ポイント → 15,000円'); // 30 * ¥500
    assert.equal(view.total, '寄付額の合計 15,000円');
    assert.ok(Array.isArray(view.programs));
  });

  test('refuses arguments that are not what it takes, naming them', () => {
    assert.throws(() => core.renderEstimate(null), /request must be an object/);
    assert.throws(() => estimate({ balances: { 'card-points': 3000 } }), /balances\["card-points"\] must be a string/);
    assert.throws(() => estimate({ balances: ['3000'] }), /balances must be an object/);
    assert.throws(() => estimate({ target: 15000 }), /target must be a string/);
    assert.throws(() => estimate({ lang: 'fr' }), /lang must be "ja" or "en"/);
    assert.throws(() => estimate({ nowUnixMs: Number.NaN }), /nowUnixMs must be a finite number/);
  });

  test('a balance for a program the campaign does not have is an error naming it', () => {
    const view = estimate({ balances: { nope: '1' } });
    assert.equal(view.ok, false);
    assert.equal(view.errorSource, 'inputs');
    assert.equal(view.errors[0].pointer, '/balances/nope');
  });
});

// splitmix64 over BigInt: the same sequence on every machine.
function rng(seed) {
  let s = BigInt(seed);
  const mask = (1n << 64n) - 1n;
  return (n) => {
    s = (s + 0x9e3779b97f4a7c15n) & mask;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    z ^= z >> 31n;
    return Number(z % BigInt(n));
  };
}

// What people type: plain, grouped, full-width, with units, 万, and mistakes.
function typed(next) {
  const n = [0, 49, 50, 99, 100, 499, 500, 3000, 30001, 100001, 150000][next(11)] + next(3) * next(2000);
  const forms = [
    String(n),
    n.toLocaleString('en-US'),
    String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))),
    `${n}pt`,
    `${(n / 10000).toString()}万`,
    `-${n}`,
    `${n}.5`,
    'abc',
    '',
  ];
  return forms[next(forms.length)];
}

describe('native and wasm give the same estimates', () => {
  for (const lang of ['ja', 'en']) {
    test(`for 150 generated inputs in ${lang}`, () => {
      const next = rng(lang === 'ja' ? 3 : 4);
      const inputs = [];
      for (let i = 0; i < 150; i += 1) {
        const balances = {};
        for (const id of ['card-points', 'shopping-points', 'miles']) if (next(3) > 0) balances[id] = typed(next);
        inputs.push({ balances, target: next(2) ? typed(next) : '' });
      }
      const inputsPath = path.join(dir, `inputs-${lang}.json`);
      writeFileSync(inputsPath, JSON.stringify(inputs));
      const r = spawnSync(kifuBin, ['render', 'estimate', '--campaign', path.join(demo, 'campaign.json'), '--feed',
        path.join(demo, 'feed.json'), '--inputs', inputsPath, '--lang', lang, '--now', nowIso], { encoding: 'utf8', maxBuffer: 64 << 20 });
      assert.equal(r.status, 0, r.stderr);
      const native = JSON.parse(r.stdout);
      assert.equal(native.length, inputs.length);
      inputs.forEach((input, i) => {
        assert.deepStrictEqual(estimate({ ...input, lang }), native[i], `input ${JSON.stringify(input)}`);
      });
    });
  }
});
