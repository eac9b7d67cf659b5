// kifu aggregate with bounded memory: past --memory-budget, ids and donor
// keys go to hash-partitioned files in a temporary folder beside the feed,
// and are settled partition by partition. A tiny budget forces many
// partitions (and partitions split again); the feed, the history, the reject
// file and the counts must be byte for byte those of a run that never left
// memory, and the totals those of an independent in-order model of the rules
// (below, in plain JavaScript). The temporary folder is gone afterwards.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { repoRoot } from '../../build-scripts/lib/test-support.mjs';

const builds = {
  release: path.join(repoRoot, 'build', 'native', 'src', 'cli', 'kifu'),
  sanitize: path.join(repoRoot, 'build', 'sanitize', 'src', 'cli', 'kifu'),
};
// The demo campaign: Asia/Tokyo, 2026-04-01..2027-03-31, card-points at
// 100 points = 500 yen in steps of 100.
const campaign = path.join(repoRoot, 'web', 'campaigns', 'animal-center', 'campaign.json');
const asOf = '2027-01-15T12:00:00+09:00';
let dir;

before(() => {
  for (const bin of Object.values(builds)) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run build-scripts/build native sanitize`);
  }
  dir = mkdtempSync(path.join(os.tmpdir(), 'kifu-spill-'));
});
after(() => dir && rmSync(dir, { recursive: true, force: true }));

// Deterministic records of every kind that depends on other records: new
// donations (card, transfer, offline, points), exact re-sends (duplicates),
// other donations under a used id (rejects), refunds and cancellations of
// earlier ids (some twice: duplicates), refunds that come before their
// donation or name no donation at all (rejects), and broken lines.
function generate(n, seed) {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = (k) => Math.floor(rand() * k);
  const start = Date.parse('2026-04-01T00:00:00+09:00');
  const lines = [];
  const donations = [];
  let next = 0;
  const newDonation = () => {
    const id = `r${next}`;
    next += 1;
    const time = new Date(start + pick(270 * 86400) * 1000).toISOString().replace('.000Z', 'Z');
    const donor = `k${pick(Math.max(10, Math.floor(n / 6)))}`;
    const kind = pick(4);
    const r =
      kind === 3
        ? { id, time, channel: 'points', points: (1 + pick(30)) * 100, program: 'card-points', donor, status: 'completed' }
        : { id, time, channel: ['card', 'transfer', 'offline'][kind], amount: 100 + pick(5000), donor, status: 'completed' };
    donations.push(r);
    return JSON.stringify(r);
  };
  for (let i = 0; i < n; i += 1) {
    const u = rand();
    if (u < 0.08 && donations.length > 0) {
      lines.push(JSON.stringify(donations[pick(donations.length)])); // re-sent
    } else if (u < 0.11 && donations.length > 0) {
      const d = donations[pick(donations.length)];
      lines.push(JSON.stringify({ ...d, amount: d.channel === 'points' ? undefined : d.amount + 1, points: d.channel === 'points' ? d.points + 100 : undefined }));
    } else if (u < 0.19 && donations.length > 0) {
      const status = rand() < 0.5 ? 'refunded' : 'cancelled';
      lines.push(JSON.stringify({ id: donations[pick(donations.length)].id, time: '2027-01-10T00:00:00Z', status }));
    } else if (u < 0.21) {
      lines.push(JSON.stringify({ id: `r${next + 1 + pick(20)}`, time: '2027-01-10T00:00:00Z', status: 'refunded' })); // before its donation
    } else if (u < 0.23) {
      lines.push(JSON.stringify({ id: `ghost-${i}`, time: '2027-01-10T00:00:00Z', status: 'cancelled' }));
    } else if (u < 0.24) {
      lines.push(`{"id":"broken-${i}","time":`);
    } else {
      lines.push(newDonation());
    }
  }
  return `${lines.join('\n')}\n`;
}

// The rules, read one record at a time, in plain JavaScript.
function model(text) {
  const ids = new Map();
  const counts = { read: 0, accepted: 0, rejected: 0, duplicates: 0, removed: 0 };
  const rejectLines = [];
  text.trimEnd().split('\n').forEach((line, i) => {
    counts.read += 1;
    let r;
    try {
      r = JSON.parse(line);
    } catch {
      counts.rejected += 1;
      rejectLines.push(i + 1);
      return;
    }
    const known = ids.get(r.id);
    if (r.status === 'completed') {
      const amount = r.channel === 'points' ? (r.points / 100) * 500 : r.amount;
      const day = new Date(Date.parse(r.time) + 9 * 3600e3).toISOString().slice(0, 10);
      if (!known) {
        ids.set(r.id, { amount, channel: r.channel, donor: r.donor, day, removed: false });
        counts.accepted += 1;
      } else if (known.amount === amount && known.channel === r.channel && known.donor === r.donor && known.day === day) {
        counts.duplicates += 1;
      } else {
        counts.rejected += 1;
        rejectLines.push(i + 1);
      }
    } else if (!known) {
      counts.rejected += 1;
      rejectLines.push(i + 1);
    } else if (known.removed) {
      counts.duplicates += 1;
    } else {
      known.removed = true;
      counts.accepted += 1;
      counts.removed += 1;
    }
  });
  const standing = [...ids.values()].filter((d) => !d.removed);
  return {
    counts,
    rejectLines,
    raised: standing.reduce((a, d) => a + d.amount, 0),
    donations: standing.length,
    donors: new Set(standing.map((d) => d.donor)).size,
  };
}

function aggregate(bin, input, name, extra = []) {
  const out = path.join(dir, name, 'feed.json');
  mkdirSync(path.dirname(out), { recursive: true });
  const r = spawnSync(bin, ['aggregate', '--campaign', campaign, '--out', out, '--history', path.join(dir, name, 'history.json'), '--as-of', asOf, '--max-rejects', '100%', '--json', ...extra, input], { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, r.stderr);
  return {
    summary: JSON.parse(r.stdout),
    feed: readFileSync(out, 'utf8'),
    history: readFileSync(path.join(dir, name, 'history.json'), 'utf8'),
    rejects: readFileSync(`${out}.rejects.jsonl`, 'utf8'),
    leftovers: readdirSync(path.dirname(out)).filter((f) => f.startsWith('.kifu-spill-')),
  };
}

describe('a memory budget far below the input', () => {
  const cases = [
    // 4 KiB: partitions of at most 16 records, so the 256 partitions of
    // 25,000 records are each split again; the Bloom filter is saturated, so
    // nearly every record is settled in the second pass.
    { bin: 'release', n: 25_000, budget: '4096' },
    // The same under AddressSanitizer, smaller.
    { bin: 'sanitize', n: 8_000, budget: '4096' },
  ];
  for (const { bin, n, budget } of cases) {
    test(`${n.toLocaleString('en')} records with --memory-budget ${budget} (${bin} build): the same bytes as in memory`, () => {
      const text = generate(n, n);
      const input = path.join(dir, `records-${n}.jsonl`);
      writeFileSync(input, text);
      const inMemory = aggregate(builds[bin], input, `${bin}-${n}-memory`, ['--memory-budget', '1G']);
      const spilled = aggregate(builds[bin], input, `${bin}-${n}-${budget}`, ['--memory-budget', budget]);

      assert.equal(inMemory.summary.spilled, false);
      assert.equal(spilled.summary.spilled, true);
      assert.equal(spilled.feed, inMemory.feed);
      assert.equal(spilled.history, inMemory.history);
      assert.equal(spilled.rejects, inMemory.rejects);
      assert.deepEqual(spilled.summary.counts, inMemory.summary.counts);
      assert.deepEqual(spilled.leftovers, []);

      const expected = model(text);
      const { read, accepted, rejected, duplicates, removed } = spilled.summary.counts;
      assert.deepEqual({ read, accepted, rejected, duplicates, removed }, expected.counts);
      const feed = JSON.parse(spilled.feed);
      assert.equal(feed.raised, expected.raised);
      assert.equal(feed.donations, expected.donations);
      assert.equal(feed.donors, expected.donors);
      const lines = spilled.rejects.trimEnd().split('\n').map((l) => JSON.parse(l).line);
      assert.deepEqual(lines, expected.rejectLines, 'rejects in input order');
      // The generator made every kind of record the second pass settles.
      assert.ok(expected.counts.duplicates > 0 && expected.counts.removed > 0 && expected.rejectLines.length > n / 20);
    });
  }

  test('an unusable budget is a usage error', () => {
    const out = path.join(dir, 'never', 'feed.json');
    for (const budget of ['1000', 'lots', '-1M']) {
      const r = spawnSync(builds.release, ['aggregate', '--campaign', campaign, '--out', out, '--memory-budget', budget, '-'], { input: '', encoding: 'utf8' });
      assert.equal(r.status, 2, budget);
    }
  });
});
