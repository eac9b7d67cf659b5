// One core, two front doors: the native `kifu` command and the wasm module
// (through web/kifu/core.js as built into build/site) must give byte-identical
// answers for the same documents — SVG, every formatted string, every
// validation message. Also the kifu command's own contract: exit codes 0/1/2,
// --json that parses, a clear message for a file that cannot be read.
//
// Needs build/native (the kifu command) and build/site (build-scripts/build).
// The CLI takes --now as RFC 3339; the wasm takes milliseconds (Date.parse).
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
  dir = mkdtempSync(path.join(os.tmpdir(), 'kifu-native-vs-wasm-'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function kifu(...args) {
  const r = spawnSync(kifuBin, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

// Writes a document to the scratch folder (exact bytes) and returns its path.
let fileCount = 0;
function file(text) {
  fileCount += 1;
  const p = path.join(dir, `doc-${fileCount}.json`);
  writeFileSync(p, text);
  return p;
}

// --- documents -------------------------------------------------------------

const sampleCampaign = readFileSync(path.join(data, 'campaign.json'), 'utf8');
const sampleFeed = readFileSync(path.join(data, 'feed.json'), 'utf8');
const demoCampaign = readFileSync(path.join(demo, 'campaign.json'), 'utf8');
const demoFeed = readFileSync(path.join(demo, 'feed.json'), 'utf8');

// Changes top-level members of a document. Values are raw JSON text, so that
// 2^63 or 100.5 reach the core exactly as written.
function edit(text, changes = {}, remove = []) {
  const obj = JSON.parse(text);
  const raw = {};
  for (const [k, v] of Object.entries(obj)) if (!remove.includes(k)) raw[k] = JSON.stringify(v);
  Object.assign(raw, changes);
  return `{${Object.entries(raw).map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

const hostileCampaign = edit(sampleCampaign, {
  title: JSON.stringify({ ja: '<img src=x onerror=alert(1)>', en: '</text><script>alert(1)</script>' }),
  milestones: JSON.stringify([
    { amount: 100000000, label: { ja: '<img src=x onerror=alert(1)>', en: '</text><script>' } },
    { amount: 300000000, label: { ja: '"&\'', en: ']]><!--' } },
  ]),
});

// ASCII garbage (valid UTF-8, so both sides see the same bytes: a browser's
// fetch().text() would turn invalid UTF-8 into U+FFFD before the core saw it).
function garbage(n) {
  const bytes = Buffer.alloc(n);
  let x = 20261127;
  for (let i = 0; i < n; i += 1) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    bytes[i] = (x >>> 24) & 0x7f;
  }
  return bytes.toString('latin1');
}

const feedNoChannels = (changes) => edit(sampleFeed, changes, ['by_channel']);

// Documents that are each wrong in a way the issue names.
const invalidCampaigns = {
  'malformed JSON': '{"schema_version": 1, "id": ',
  'not an object': '[1, 2, 3]',
  'goal 0': edit(sampleCampaign, { goal: '0' }),
  'negative goal': edit(sampleCampaign, { goal: '-5' }),
  'goal 100.5 yen': edit(sampleCampaign, { goal: '100.5' }),
  'goal "200" as a string': edit(sampleCampaign, { goal: '"200"' }),
  'goal 2^63': edit(sampleCampaign, { goal: '9223372036854775808' }),
  'goal 10^20': edit(sampleCampaign, { goal: '100000000000000000000' }),
  'end before start': edit(sampleCampaign, { start: '"2027-04-01"', end: '"2027-03-31"' }),
  'unknown currency': edit(sampleCampaign, { currency: '"XYZ"' }),
  'missing fields': edit(sampleCampaign, {}, ['id', 'title', 'goal', 'feed']),
  'schema version 2': edit(sampleCampaign, { schema_version: '2', goal: '0' }),
  'duplicate key': `${sampleCampaign.trimEnd().slice(0, -1)}, "goal": 1}`,
  'control character in title': edit(sampleCampaign, { title: '{"ja": "a\\u0007", "en": "b"}' }),
  'three problems': edit(sampleCampaign, { goal: '0', currency: '"XYZ"', end: '"2020-01-01"' }),
  'a long non-ASCII date': edit(sampleCampaign, { start: JSON.stringify('二〇二六年四月一日から始まる予定のキャンペーンです') }),
  'unknown field (valid, with a warning)': edit(sampleCampaign, { colour: '"red"' }),
  '900 KB of garbage': garbage(900 * 1024),
  '100,000 nested arrays': '['.repeat(100000),
  '100,000 nested arrays, closed': `${'['.repeat(100000)}${']'.repeat(100000)}`,
};

const invalidFeeds = {
  'another campaign': edit(sampleFeed, { campaign_id: '"cat-cafe"' }),
  'another currency': edit(sampleFeed, { currency: '"USD"' }),
  'channels not adding up': edit(sampleFeed, { raised: '182600001' }),
  'fewer donations than donors': edit(sampleFeed, { donors: '10', donations: '9' }),
  'raised "200" as a string': feedNoChannels({ raised: '"200"' }),
  'negative raised': feedNoChannels({ raised: '-1' }),
  'raised 2^63': feedNoChannels({ raised: '9223372036854775808' }),
  'as_of without an offset': edit(sampleFeed, { as_of: '"2026-11-27T10:00:00"' }),
  'schema version 2': edit(sampleFeed, { schema_version: '2' }),
  'unknown channel': edit(sampleFeed, { by_channel: '{"points": 182600000, "crypto": 0}' }),
};

// --- rendering -------------------------------------------------------------

const nows = [
  '2026-03-01T12:00:00+09:00', // before the start
  '2026-11-27T10:03:00+09:00', // running, three minutes after the feed
  '2026-11-27T01:03:59.999Z', // the same day in UTC terms, with fractional seconds
  '2027-03-31T23:59:59+09:00', // the last day
  '2027-04-01T00:00:00+09:00', // ended
  '2026-11-20T10:00:00+09:00', // before the feed's own as_of (a skewed clock)
];

const pairs = {
  'the sample documents': [sampleCampaign, sampleFeed],
  'the demo site documents': [demoCampaign, demoFeed],
  'a hostile-title campaign': [hostileCampaign, sampleFeed],
  'one yen short of the goal': [sampleCampaign, feedNoChannels({ raised: '1099999999' })],
  'past the goal': [sampleCampaign, feedNoChannels({ raised: '1235300000' })],
  'a total of 2^53 + 1 yen': [sampleCampaign, feedNoChannels({ raised: '9007199254740993' })],
  'a total of 2^63 - 1 yen': [sampleCampaign, feedNoChannels({ raised: '9223372036854775807' })],
  'an invalid campaign': [invalidCampaigns['three problems'], sampleFeed],
  'a feed for another campaign': [sampleCampaign, invalidFeeds['another campaign']],
  'a feed with 100,000 nested arrays': [sampleCampaign, invalidCampaigns['100,000 nested arrays']],
};

function renderNative(campaignPath, feedPath, lang, variant, now, stale) {
  const args = ['render', 'progress', '--campaign', campaignPath, '--feed', feedPath, '--lang', lang, '--variant', variant, '--now', now, '--json'];
  if (stale) args.push('--stale');
  const r = kifu(...args);
  assert.equal(r.signal, null, `kifu died with ${r.signal}: ${r.stderr}`);
  const view = JSON.parse(r.stdout);
  assert.equal(r.status, view.ok ? 0 : 1, `exit code for ok=${view.ok}`);
  return view;
}

function renderWasm(campaignJson, feedJson, lang, variant, now, stale) {
  const nowUnixMs = Date.parse(now);
  assert.ok(Number.isFinite(nowUnixMs), `Date.parse(${now})`);
  return core.renderProgress({ campaignJson, feedJson, lang, variant, nowUnixMs, stale });
}

describe('native and wasm render the same progress view', () => {
  for (const [name, [campaignText, feedText]] of Object.entries(pairs)) {
    test(name, () => {
      const campaignPath = file(campaignText);
      const feedPath = file(feedText);
      let compared = 0;
      for (const lang of ['ja', 'en']) {
        for (const variant of ['bar', 'ring', 'thermometer']) {
          for (const stale of [false, true]) {
            for (const now of nows) {
              const native = renderNative(campaignPath, feedPath, lang, variant, now, stale);
              const wasm = renderWasm(campaignText, feedText, lang, variant, now, stale);
              assert.deepStrictEqual(wasm, native, `${lang} ${variant} stale=${stale} now=${now}`);
              compared += 1;
            }
          }
        }
      }
      assert.equal(compared, 2 * 3 * 2 * nows.length);
    });
  }

  test('the comparison sees real views: the sample shows 16.6% in both', () => {
    const now = '2026-11-27T10:03:00+09:00';
    const native = renderNative(file(sampleCampaign), file(sampleFeed), 'en', 'bar', now, true);
    assert.equal(native.ok, true);
    assert.equal(native.percent, '16.6%');
    assert.equal(native.staleNote, 'Not updating: showing data from 3 minutes ago');
    assert.match(native.svg, /^<svg [^>]*class="kifu-bar"/);
    assert.deepStrictEqual(renderWasm(sampleCampaign, sampleFeed, 'en', 'bar', now, true), native);
  });

  test('a total of 2^53 + 1 yen is shown to the last yen in both', () => {
    const feed = pairs['a total of 2^53 + 1 yen'][1];
    const now = '2026-11-27T10:03:00+09:00';
    assert.equal(renderNative(file(sampleCampaign), file(feed), 'ja', 'bar', now, false).raised, '9,007,199,254,740,993円');
    assert.equal(renderWasm(sampleCampaign, feed, 'en', 'bar', now, false).raised, '¥9,007,199,254,740,993');
  });

  test('a hostile title comes back as plain text and never as markup in the SVG', () => {
    const now = '2026-11-27T10:03:00+09:00';
    for (const variant of ['bar', 'ring', 'thermometer']) {
      const view = renderWasm(hostileCampaign, sampleFeed, 'en', variant, now, false);
      assert.equal(view.ok, true);
      assert.equal(view.title, '</text><script>alert(1)</script>');
      assert.doesNotMatch(view.svg, /<script|<img|<!--/);
    }
    assert.match(renderWasm(hostileCampaign, sampleFeed, 'en', 'bar', now, false).svg, /<title>&lt;\/text&gt;&lt;script&gt; ¥100M<\/title>/);
  });
});

// --- validation ------------------------------------------------------------

function validateNative(kind, text, campaignText) {
  const args = ['validate', file(text), '--as', kind, '--json'];
  if (campaignText !== undefined) args.push('--campaign', file(campaignText));
  const r = kifu(...args);
  assert.equal(r.signal, null, `kifu died with ${r.signal}: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  assert.equal(r.status, out.ok ? 0 : 1, `exit code for ok=${out.ok}`);
  const { ok, errors, warnings } = out;
  return { ok, kind: out.kind, errors, warnings };
}

describe('native and wasm give the same validation messages', () => {
  for (const [name, text] of Object.entries(invalidCampaigns)) {
    test(`campaign: ${name}`, () => {
      const native = validateNative('campaign', text);
      assert.deepStrictEqual(core.validateCampaign(text), native);
      if (!name.startsWith('unknown field')) assert.equal(native.ok, false);
    });
  }
  for (const [name, text] of Object.entries(invalidFeeds)) {
    test(`feed: ${name}`, () => {
      const native = validateNative('feed', text, sampleCampaign);
      assert.deepStrictEqual(core.validateFeed(text, sampleCampaign), native);
      assert.equal(native.ok, false);
    });
  }
  test('feed checked against a broken definition', () => {
    const broken = invalidCampaigns['goal 0'];
    const native = validateNative('feed', sampleFeed, broken);
    assert.deepStrictEqual(core.validateFeed(sampleFeed, broken), native);
    assert.equal(native.errors[0].pointer, '/goal');
  });
  test('feed checked on its own', () => {
    const text = invalidFeeds['another campaign'];
    const native = validateNative('feed', text);
    assert.deepStrictEqual(core.validateFeed(text), native);
    assert.equal(native.ok, true);
  });

  test('a document with three problems yields three errors naming three pointers', () => {
    const v = core.validateCampaign(invalidCampaigns['three problems']);
    assert.deepEqual(v.errors.map((e) => e.pointer), ['/currency', '/goal', '/end']);
  });

  test('schema version 2 yields exactly one error in both', () => {
    const native = validateNative('campaign', invalidCampaigns['schema version 2']);
    assert.equal(native.errors.length, 1);
    assert.equal(native.errors[0].pointer, '/schema_version');
  });
});

describe('a 10 MB document', () => {
  // The kifu command reads only one byte past the 1 MiB limit, so it cannot
  // know the real size; the wasm is handed the whole string.
  test('is refused by size in both, quickly', () => {
    const text = garbage(10 * 1024 * 1024);
    const started = process.hrtime.bigint();
    const wasm = core.validateCampaign(text);
    const native = validateNative('campaign', text);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    for (const v of [wasm, native]) {
      assert.equal(v.ok, false);
      assert.equal(v.errors.length, 1);
      assert.equal(v.errors[0].pointer, '');
      assert.match(v.errors[0].message, /^is [0-9]+ bytes; the limit is 1048576 bytes \(1 MiB\)$/);
    }
    assert.equal(wasm.errors[0].message, 'is 10485760 bytes; the limit is 1048576 bytes (1 MiB)');
    assert.ok(seconds < 30, `took ${seconds} s`); // a hang guard, not a benchmark
  });

  test('gets the same message from the kifu command as from the wasm', () => {
    const text = garbage(10 * 1024 * 1024);
    assert.deepStrictEqual(validateNative('campaign', text), core.validateCampaign(text));
  });
});

// --- the kifu command itself -----------------------------------------------

describe('the kifu command', () => {
  test('exits 0 for a valid definition, and its --json parses', () => {
    const r = kifu('validate', path.join(data, 'campaign.json'), '--json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.ok, true);
    assert.equal(out.kind, 'campaign');
    assert.deepEqual(out.errors, []);
  });

  test('recognises a feed by its campaign_id and checks it against --campaign', () => {
    const r = kifu('validate', path.join(data, 'feed.json'), '--campaign', path.join(data, 'campaign.json'), '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).kind, 'feed');
  });

  test('exits 1 for an invalid document and names the field', () => {
    const p = file(invalidCampaigns['goal 0']);
    const r = kifu('validate', p);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /error: \/goal: must be a positive integer amount in JPY \(no minor units\), got 0\n/);
    assert.match(r.stdout, /invalid campaign \(1 errors, 0 warnings\)/);
  });

  test('exits 1 for a render with an invalid feed, with the reason on stderr', () => {
    const r = kifu('render', 'progress', '--campaign', file(sampleCampaign), '--feed', file(invalidFeeds['another campaign']), '--now', '2026-11-27T10:00:00+09:00');
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^kifu: feed: \/campaign_id: this feed is for campaign "cat-cafe", not "animal-center"\n/);
  });

  test('prints the SVG and exits 0 for a valid render', () => {
    const r = kifu('render', 'progress', '--campaign', path.join(data, 'campaign.json'), '--feed', path.join(data, 'feed.json'), '--variant', 'ring', '--now', '2026-11-27T10:00:00+09:00');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^<svg [^\n]*<\/svg>\n$/);
    assert.match(r.stdout, /stroke-dasharray="166 1000"/);
  });

  test('a missing file gives exit 2 and says which file', () => {
    const missing = path.join(dir, 'no-such-file.json');
    const r = kifu('validate', missing, '--json');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`cannot read ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const r2 = kifu('render', 'progress', '--campaign', path.join(data, 'campaign.json'), '--feed', missing);
    assert.equal(r2.status, 2);
    assert.match(r2.stderr, /cannot read .*no-such-file\.json/);
  });

  test('usage mistakes give exit 2 with the usage text', () => {
    for (const args of [[], ['frobnicate'], ['validate'], ['validate', path.join(data, 'campaign.json'), '--bogus'],
      ['render', 'progress', '--campaign', path.join(data, 'campaign.json')],
      ['render', 'progress', '--campaign', path.join(data, 'campaign.json'), '--feed', path.join(data, 'feed.json'), '--now', '2026-11-27T10:00:00'],
      ['validate', path.join(data, 'campaign.json'), '--as', 'poem']]) {
      const r = kifu(...args);
      assert.equal(r.status, 2, `kifu ${args.join(' ')}`);
      assert.match(r.stderr, /^kifu: .*\nusage:/, `kifu ${args.join(' ')}`);
    }
  });

  test('100,000 nested arrays are refused with exit 1 even when the kind must be guessed', () => {
    for (const text of [invalidCampaigns['100,000 nested arrays'], invalidCampaigns['100,000 nested arrays, closed']]) {
      const r = kifu('validate', file(text), '--json');
      assert.equal(r.signal, null);
      assert.equal(r.status, 1, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.equal(out.errors.length, 1);
      assert.match(out.errors[0].message, /^is nested more than 32 levels deep/);
    }
  });

  test('--help exits 0', () => {
    const r = kifu('--help');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^usage:/);
  });
});
