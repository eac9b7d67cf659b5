// The forecast module (kifu-forecast.mjs, the worker's wasm) against the
// native kifu command: same seed, same bytes — chart, sentence and details —
// whether run in one call or in the worker's growing chunks; and the
// benchmark's three implementations (native, wasm, plain JavaScript) doing
// the same work, shown by the same checksum.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { DEMO_DIR, DEMO_NOW, nativeForecast } from '../../build-scripts/lib/forecast-fixtures.mjs';
import { benchKernelJs } from '../../build-scripts/lib/forecast-kernel.mjs';
import { repoRoot, requireSite } from '../../build-scripts/lib/test-support.mjs';

const kifuBin = path.join(repoRoot, 'build', 'native', 'src', 'cli', 'kifu');
const benchBin = path.join(repoRoot, 'build', 'native', 'src', 'cli', 'kifu_bench_forecast');
const demo = DEMO_DIR;
const nowIso = DEMO_NOW;

let module;
let runner;

before(async () => {
  for (const bin of [kifuBin, benchBin]) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run build-scripts/build native first`);
  }
  const site = requireSite();
  runner = await import(pathToFileURL(path.join(site, 'kifu', 'forecast-runner.js')).href);
  module = await runner.loadForecastModule({ wasmBinary: readFileSync(path.join(site, 'kifu', 'kifu-forecast.wasm')) });
});

function request(overrides = {}) {
  return {
    campaignJson: readFileSync(path.join(demo, 'campaign.json'), 'utf8'),
    feedJson: readFileSync(path.join(demo, 'feed.json'), 'utf8'),
    historyJson: readFileSync(path.join(demo, 'history.json'), 'utf8'),
    lang: 'ja',
    seed: 42,
    paths: 2000,
    nowUnixMs: Date.parse(nowIso),
    ...overrides,
  };
}

describe('the forecast, native and wasm', () => {
  for (const lang of ['ja', 'en']) {
    test(`gives byte-identical ${lang} views for the same seed`, () => {
      const native = nativeForecast(lang, 42, 2000);
      const wasm = runner.plainView(module.renderForecast(request({ lang })));
      assert.equal(wasm.ok, true);
      assert.equal(wasm.svg, native.svg);
      assert.equal(wasm.headline, native.headline);
      assert.deepEqual(wasm.details, native.details);
      assert.equal(wasm.basis, native.basis);
    });
  }

  test('the worker\'s chunks end on the same bytes as one call, after earlier partial views', async () => {
    const native = nativeForecast('en', 7, 3000);
    const views = [];
    const final = await runner.runForecast(module, request({ lang: 'en', seed: 7, paths: 3000 }), (v) => views.push(v)).done;
    assert.ok(views.length >= 3, `partial views: ${views.length}`);
    assert.equal(views[0].finished, false);
    assert.ok(views[0].pathsDone < 3000 && views[0].svg.includes('kifu-fan'), 'the first view already has a fan');
    assert.equal(final.finished, true);
    assert.equal(final.svg, native.svg);
    assert.deepEqual(final.details, native.details);
  });

  test('a module compiled once by the page and handed over (as to a worker) gives the same bytes', async () => {
    // A second copy of the runner, so it instantiates anew instead of reusing `module`.
    const fresh = await import(`${pathToFileURL(path.join(requireSite(), 'kifu', 'forecast-runner.js')).href}?handed-over`);
    const wasmModule = await WebAssembly.compile(readFileSync(path.join(requireSite(), 'kifu', 'kifu-forecast.wasm')));
    const handedOver = await fresh.loadForecastModule({ wasmModule });
    assert.notEqual(handedOver, module);
    const a = runner.plainView(module.renderForecast(request({ lang: 'en', paths: 300 })));
    const b = fresh.plainView(handedOver.renderForecast(request({ lang: 'en', paths: 300 })));
    assert.equal(b.ok, true);
    assert.equal(b.svg, a.svg);
  });

  for (const lang of ['ja', 'en']) {
    test(`the ${lang} warm-up runs its made-up campaign without errors, in three slices a round`, async () => {
      // Throws if the made-up documents were refused; 2 rounds x (read, simulate, draw).
      assert.equal(await runner.warmUp(module, () => false, 2, lang), 6);
    });
  }

  test('the warm-up stops at the first slice boundary after a request arrives', async () => {
    let asked = 0;
    const slices = await runner.warmUp(module, () => (asked += 1) > 1, 6);
    assert.equal(slices, 1, 'one slice (reading the documents), then the stop was obeyed');
    assert.equal(asked, 2);
  });

  test('the warm-up reads the documents handed to it first, one slice each, before its own rounds', async () => {
    const { campaignJson, feedJson } = request();
    const documents = [{ campaignJson, feedJson }, { campaignJson: '{', feedJson: '' }];
    const order = [];
    // stop() is asked before each slice: the array shows what was still waiting.
    const slices = await runner.warmUp(module, () => { order.push(documents.length); return false; }, 1, 'ja', documents);
    assert.equal(slices, 2 + 3, 'two documents (the broken one read, refused, no exception) and one round of three');
    assert.deepEqual(order, [2, 1, 0, 0, 0, 0]);
    assert.deepEqual(documents, []);
  });

  test('chunks grow by the time the last one took, at most 4x and 8,000 paths, never shrinking', () => {
    assert.equal(runner.FIRST_CHUNK, 100);
    // 100 paths in 10 ms: 25 ms would hold 250.
    assert.equal(runner.nextChunk(100, 10), 250);
    // 100 paths in 1 ms: 25 ms would hold 2,500, but a chunk grows at most 4x.
    assert.equal(runner.nextChunk(100, 1), 400);
    // A slow chunk (100 paths in 100 ms) is not followed by a smaller one.
    assert.equal(runner.nextChunk(100, 100), 100);
    // 4,000 paths in 5 ms: 20,000 by time, 16,000 by growth, capped at 8,000.
    assert.equal(runner.nextChunk(4000, 5), 8000);
    // A timer reading of 0 ms counts as 0.5 ms: 100 x 25 / 0.5 = 5,000, then 4x caps at 400.
    assert.equal(runner.nextChunk(100, 0), 400);
  });

  test('another seed gives another (still valid) forecast', () => {
    const a = runner.plainView(module.renderForecast(request({ seed: 1 })));
    const b = runner.plainView(module.renderForecast(request({ seed: 2 })));
    assert.equal(b.ok, true);
    assert.notEqual(a.svg, b.svg);
  });

  test('bad requests come back as errors naming the field, not exceptions', () => {
    const view = runner.plainView(module.renderForecast(request({ seed: 1.5 })));
    assert.equal(view.ok, false);
    assert.equal(view.errors[0].pointer, '/seed');
    const history = runner.plainView(module.renderForecast(request({ historyJson: '{"schema_version":1,"campaign_id":"animal-center","currency":"JPY","days":[["2026-04-02",1,0,0,0],["2026-04-01",1,0,0,0]]}' })));
    assert.equal(history.errorSource, 'history');
    assert.equal(history.errors[0].pointer, '/days/1/0');
  });
});

describe('the benchmark kernel', () => {
  test('native, wasm and plain JavaScript return the same checksum', () => {
    const native = spawnSync(benchBin, ['500', '365', '42', '1'], { encoding: 'utf8' });
    assert.equal(native.status, 0, native.stderr);
    const { checksum } = JSON.parse(native.stdout);
    assert.equal(module.benchKernel(500, 365, 42), checksum);
    assert.equal(benchKernelJs(500, 365, 42), checksum);
  });
});
