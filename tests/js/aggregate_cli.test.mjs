// kifu aggregate end to end, through the real command (the release build and
// the ASan+UBSan build): damaged records of every kind, the balance
// read = accepted + rejected + duplicates, the reject file, exit codes 0/1/2,
// and a feed that a concurrent reader sees whole or not at all.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { repoRoot } from '../../build-scripts/lib/test-support.mjs';

const builds = {
  release: path.join(repoRoot, 'build', 'native', 'src', 'cli', 'kifu'),
  sanitize: path.join(repoRoot, 'build', 'sanitize', 'src', 'cli', 'kifu'),
};
const campaign = path.join(repoRoot, 'tests', 'data', 'campaign.json');
let dir;

before(() => {
  for (const bin of Object.values(builds)) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run build-scripts/build native sanitize`);
  }
  dir = mkdtempSync(path.join(os.tmpdir(), 'kifu-aggregate-'));
});
after(() => dir && rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(name, content) {
  n += 1;
  const p = path.join(dir, `${n}-${name}`);
  writeFileSync(p, content);
  return p;
}

function run(bin, args, input) {
  const r = spawnSync(bin, args, { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return r;
}

const rec = (id, amount, extra = {}) =>
  JSON.stringify({ id, time: '2026-11-27T10:00:00+09:00', channel: 'card', amount, donor: `k-${id}`, status: 'completed', ...extra });

// One record per kind of damage, each with the reason the reject file must give.
const damaged = [
  ['bad UTF-8', rec('u', 1).replace('k-u', 'k-\u0001'), 'not valid UTF-8'],
  ['a BOM in the middle', `\ufeff${rec('b', 1)}`, 'byte order mark'],
  ['an amount as a string', rec('s', '5000'), '/amount:'],
  ['an amount beyond 64 bits', rec('big', 1).replace('"amount":1', '"amount":18446744073709551616'), 'beyond the largest amount'],
  ['a time without offset', rec('t', 1, { time: '2026-11-27T10:00:00' }), '/time: has no offset'],
  ['an unknown channel', rec('c', 1, { channel: 'cash' }), '/channel:'],
  ['a points record', rec('p', undefined, { channel: 'points', points: 3000, program: 'nope' }), "is not one of the campaign's point programs"],
  ['a refund of an unknown id', JSON.stringify({ id: 'ghost', time: '2026-11-28T00:00:00Z', status: 'refunded' }), 'not among the donations'],
];

for (const [build, bin] of Object.entries(builds)) {
  describe(`kifu aggregate (${build} build)`, () => {
    test('every kind of damage is rejected with its line and reason, and the counts balance', () => {
      const lines = [rec('a', 5000), rec('a', 5000), '', ...damaged.map((d) => d[1]), rec('z', 7)];
      // CRLF line ends, and the last line cut off mid-record.
      const text = `${lines.join('\r\n')}\r\n{"id":"cut","time":"2026-`;
      // UTF-8, except that the placeholder \u0001 becomes a raw 0xFF byte.
      const bytes = Buffer.from(text, 'utf8').map((b) => (b === 1 ? 0xff : b));
      const input = file('records.jsonl', bytes);
      const out = path.join(dir, `${build}-feed.json`);
      const r = run(bin, ['aggregate', '--campaign', campaign, '--out', out, '--as-of', '2026-11-30T12:00:00+09:00', '--max-rejects', '100', '--json', input]);
      assert.equal(r.status, 0, r.stderr);
      const summary = JSON.parse(r.stdout);
      const c = summary.counts;
      // 2 + 8 + 1 + 1 records (the blank line is not one).
      assert.equal(c.read, 12);
      assert.equal(c.accepted, 2); // a, z
      assert.equal(c.duplicates, 1); // a again
      assert.equal(c.rejected, 9); // 8 kinds of damage + the cut line
      assert.equal(c.read, c.accepted + c.rejected + c.duplicates);
      assert.equal(c.blank_lines, 1);
      assert.match(r.stderr, /read 12 = accepted 2 \+ rejected 9 \+ duplicates 1/);

      const rejects = readFileSync(`${out}.rejects.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(rejects.length, 9);
      damaged.forEach(([what, , reason], i) => {
        assert.equal(rejects[i].line, 4 + i, what);
        assert.ok(rejects[i].reasons.some((x) => x.includes(reason)), `${what}: ${rejects[i].reasons}`);
      });
      assert.equal(rejects[8].line, 13);
      assert.ok(rejects[8].reasons.some((x) => x.includes('cut short')));

      const feed = JSON.parse(readFileSync(out, 'utf8'));
      assert.equal(feed.raised, 5007); // 5000 + 7
      assert.equal(feed.donors, 2);
      assert.equal(feed.donations, 2);
      assert.equal(feed.as_of, '2026-11-30T12:00:00+09:00');
    });

    test('CSV with BOM, CRLF and quoted cells holding commas and line breaks', () => {
      const csv = '\ufeffid,time,channel,amount,donor,status,memo\r\n' +
        '"d,1",2026-11-27T10:00:00+09:00,card,5000,k1,completed,"a, b\r\nc"\r\n' +
        'd2,2026-11-27T10:00:00+09:00,transfer,"1,000",k2,completed,\r\n' +
        'd3,2026-11-27T10:00:00+09:00,offline,250,k1,completed,x\r\n';
      const out = path.join(dir, `${build}-csv-feed.json`);
      const r = run(bin, ['aggregate', '--campaign', campaign, '--out', out, '--max-rejects', '1', '--json', file('r.csv', csv)]);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).counts, { read: 3, accepted: 2, rejected: 1, duplicates: 0, removed: 0, blank_lines: 0 });
      const rejects = readFileSync(`${out}.rejects.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(rejects[0].line, 4); // the quoted line break makes the second row start on line 4
      assert.equal(JSON.parse(readFileSync(out, 'utf8')).raised, 5250);
      assert.match(r.stderr, /column "memo" is not a field Kifu reads/);
    });
  });
}

describe('kifu aggregate exit codes', () => {
  const bin = builds.release;
  test('rejects above --max-rejects: exit 1, the old feed stays', () => {
    const out = file('feed.json', 'OLD');
    const r = run(bin, ['aggregate', '--campaign', campaign, '--out', out, '--max-rejects', '0', '-'], `${rec('a', 1)}\n${rec('b', '1')}\n`);
    assert.equal(r.status, 1);
    assert.equal(readFileSync(out, 'utf8'), 'OLD');
    assert.equal(readFileSync(`${out}.rejects.jsonl`, 'utf8').trim().split('\n').length, 1);
  });
  test('a percentage threshold: 1 reject in 2 records is 50%', () => {
    const input = `${rec('a', 1)}\n${rec('b', '1')}\n`;
    const out = path.join(dir, 'pct.json');
    assert.equal(run(bin, ['aggregate', '--campaign', campaign, '--out', out, '--max-rejects', '49.9%'], input).status, 1);
    assert.equal(run(bin, ['aggregate', '--campaign', campaign, '--out', out, '--max-rejects', '50%'], input).status, 0);
  });
  test('unusable input: exit 2 (invalid campaign, CSV header without id, missing file, bad option)', () => {
    const out = path.join(dir, 'never.json');
    const badCampaign = file('c.json', '{"schema_version":1}');
    assert.equal(run(bin, ['aggregate', '--campaign', badCampaign, '--out', out, '-'], '').status, 2);
    assert.equal(run(bin, ['aggregate', '--campaign', campaign, '--out', out, file('h.csv', 'time,status\nx,y\n')]).status, 2);
    assert.equal(run(bin, ['aggregate', '--campaign', campaign, '--out', out, path.join(dir, 'missing.jsonl')]).status, 2);
    assert.equal(run(bin, ['aggregate', '--campaign', campaign, '--out', out, '--max-rejects', 'many']).status, 2);
    assert.equal(existsSync(out), false);
  });
  test('validate --json on a record file lists each reject with its line', () => {
    const r = run(bin, ['validate', file('v.jsonl', `${rec('a', 1)}\n${rec('b', 0)}\n`), '--campaign', campaign, '--json']);
    assert.equal(r.status, 1);
    const v = JSON.parse(r.stdout);
    assert.equal(v.kind, 'records');
    assert.equal(v.ok, false);
    assert.deepEqual(v.errors.map((e) => [e.line, e.pointer]), [[2, '/amount']]);
  });
});

test('the history file is the forecast\'s format and the feed links it', () => {
  const out = path.join(dir, 'site', 'feed.json');
  const history = path.join(dir, 'site', 'history.json');
  spawnSync('mkdir', ['-p', path.dirname(out)]);
  const r = run(builds.release, ['aggregate', '--campaign', campaign, '--out', out, '--history', history, '--as-of', '2026-11-30T12:00:00+09:00', '-'], `${rec('a', 5000)}\n`);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).history, 'history.json');
  const h = JSON.parse(readFileSync(history, 'utf8'));
  assert.deepEqual(h.days, [['2026-11-27', 0, 5000, 0, 0]]);
  assert.equal(h.through, '2026-11-29');
  const v = run(builds.release, ['validate', out, '--campaign', campaign]);
  assert.equal(v.status, 0, v.stdout);
});

test('a reader polling the feed while it is rewritten never sees half a file', async () => {
  const out = path.join(dir, 'atomic.json');
  // Big enough that writing it is not one syscall... the feed is small, so
  // rewrite it many times and read it as fast as we can meanwhile.
  const input = file('many.jsonl', Array.from({ length: 2000 }, (_, i) => rec(`r${i}`, i + 1)).join('\n'));
  run(builds.release, ['aggregate', '--campaign', campaign, '--out', out, input]);
  let reads = 0;
  let stop = false;
  const reader = (async () => {
    while (!stop) {
      const text = readFileSync(out, 'utf8');
      JSON.parse(text); // throws on a half-written file
      reads += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  for (let i = 0; i < 20; i += 1) {
    await new Promise((resolve, reject) => {
      const p = spawn(builds.release, ['aggregate', '--campaign', campaign, '--out', out, input], { stdio: 'ignore' });
      p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
    });
  }
  stop = true;
  await reader;
  assert.ok(reads > 0);
});
