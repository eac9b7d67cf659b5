// Runs the SQL of the back-office docs (web/en/docs/index.html) in a real
// PostgreSQL on generated records and compares it with `kifu aggregate` on
// the same records: the feed, every day of the history, and the rejects the
// SQL reports (by position). Not part of build-scripts/test (it needs
// PostgreSQL, which the project does not install); run it after changing
// the aggregation or the docs' SQL:
//
//   node build-scripts/lib/check-docs-sql.mjs        (exit 0: the same)
//
// Uses /usr/lib/postgresql/*/bin; as root, the server runs as `postgres`.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { repoRoot } from './test-support.mjs';

const kifu = path.join(repoRoot, 'build', 'native', 'src', 'cli', 'kifu');
const campaign = path.join(repoRoot, 'web', 'campaigns', 'animal-center', 'campaign.json');
const asOf = '2027-01-15T12:00:00+09:00';
const pgRoot = '/usr/lib/postgresql';
const pgBin = path.join(pgRoot, readdirSync(pgRoot).sort().pop(), 'bin');

// Records of every kind the aggregation settles against others (as in
// tests/js/aggregate_spill.test.mjs), all valid on their own.
function generate(n) {
  let s = 42;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = (k) => Math.floor(rand() * k);
  const start = Date.parse('2026-04-01T00:00:00+09:00');
  const lines = [];
  const donations = [];
  let next = 0;
  for (let i = 0; i < n; i += 1) {
    const u = rand();
    if (u < 0.08 && donations.length) {
      lines.push(JSON.stringify(donations[pick(donations.length)]));
    } else if (u < 0.11 && donations.length) {
      const d = donations[pick(donations.length)];
      const points = d.channel === 'points';
      lines.push(JSON.stringify({ ...d, amount: points ? undefined : d.amount + 1, points: points ? d.points + 100 : undefined }));
    } else if (u < 0.19 && donations.length) {
      lines.push(JSON.stringify({ id: donations[pick(donations.length)].id, time: '2027-01-10T00:00:00Z', status: rand() < 0.5 ? 'refunded' : 'cancelled' }));
    } else if (u < 0.21) {
      lines.push(JSON.stringify({ id: `r${next + 1 + pick(20)}`, time: '2027-01-10T00:00:00Z', status: 'refunded' }));
    } else if (u < 0.23) {
      lines.push(JSON.stringify({ id: `ghost-${i}`, time: '2027-01-10T00:00:00Z', status: 'cancelled' }));
    } else {
      const id = `r${next++}`;
      const time = new Date(start + pick(300 * 86400) * 1000).toISOString().replace('.000Z', 'Z');
      const donor = `k${pick(3000)}`;
      const kind = pick(4);
      const r =
        kind === 3
          ? { id, time, channel: 'points', points: (1 + pick(30)) * 100, program: 'card-points', donor, status: 'completed' }
          : { id, time, channel: ['card', 'transfer', 'offline'][kind], amount: 100 + pick(5000), donor, status: 'completed' };
      donations.push(r);
      lines.push(JSON.stringify(r));
    }
  }
  return lines;
}

// The docs' three SQL blocks, with now() pinned to as_of.
function docsSql() {
  const html = readFileSync(path.join(repoRoot, 'web', 'en', 'docs', 'index.html'), 'utf8');
  const blocks = [...html.matchAll(/<pre class="snippet sql"[^>]*><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) =>
    m[1].replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&').replace(/now\(\)/g, `TIMESTAMPTZ '${asOf}'`),
  );
  assert.equal(blocks.length, 3, 'feed, history and rejects');
  const ctes = blocks[0].slice(blocks[0].indexOf('WITH'), blocks[0].indexOf('SELECT json_build_object'));
  const body = (b) => b.replace(/^--.*\n/, '');
  return { feed: blocks[0], history: ctes + body(blocks[1]), rejects: ctes + body(blocks[2]) };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'kifu-docs-sql-'));
const asRoot = process.getuid?.() === 0;
const pg = (tool, args) => {
  const cmd = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(pgBin, tool), ...args]] : [path.join(pgBin, tool), args];
  return execFileSync(cmd[0], cmd[1], { encoding: 'utf8' });
};
let started = false;
try {
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), 0);
  pg('initdb', ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', 'postgres']);
  pg('pg_ctl', ['-D', path.join(dir, 'data'), '-o', `-k ${dir} -c listen_addresses=''`, '-l', path.join(dir, 'log'), '-w', 'start']);
  started = true;
  const psql = (sql) => execFileSync(path.join(pgBin, 'psql'), ['-h', dir, '-U', 'postgres', '-qAt', '-F,', '-c', sql], { encoding: 'utf8' }).trim();

  const lines = generate(20_000);
  const records = path.join(dir, 'records.jsonl');
  writeFileSync(records, `${lines.join('\n')}\n`);
  // The table the docs assume: seq, and points already converted (the demo's
  // card-points: 100 points = 500 yen), as the per-record checks do.
  const csv = lines.map((l, i) => {
    const r = JSON.parse(l);
    const amount = r.channel === 'points' ? (r.points / 100) * 500 : r.amount;
    return [i + 1, r.id, r.time, r.channel ?? '', amount ?? '', r.donor ?? '', r.status].join(',');
  });
  writeFileSync(path.join(dir, 'records.csv'), `${csv.join('\n')}\n`);
  psql('CREATE TABLE records(seq bigint, id text, time timestamptz, channel text, amount bigint, donor text, status text)');
  psql(`\\copy records FROM '${path.join(dir, 'records.csv')}' WITH (FORMAT csv)`);

  const out = path.join(dir, 'feed.json');
  const r = spawnSync(kifu, ['aggregate', '--campaign', campaign, '--out', out, '--history', path.join(dir, 'history.json'), '--as-of', asOf, '--max-rejects', '100%', records], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const sql = docsSql();

  const kifuFeed = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(JSON.parse(psql(sql.feed)), kifuFeed);
  const days = JSON.parse(readFileSync(path.join(dir, 'history.json'), 'utf8')).days.map((d) => d.join(','));
  assert.deepEqual(psql(sql.history).split('\n'), days);
  const rejects = readFileSync(`${out}.rejects.jsonl`, 'utf8').trim().split('\n').map((l) => String(JSON.parse(l).line));
  assert.deepEqual(psql(sql.rejects).split('\n').map((row) => row.split(',')[0]), rejects);
  console.log(`docs SQL = kifu aggregate on ${lines.length.toLocaleString('en')} records: raised ${kifuFeed.raised}, ${kifuFeed.donors} donors, ${kifuFeed.donations} donations, ${days.length} days, ${rejects.length} rejects`);
} finally {
  if (started) pg('pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
  rmSync(dir, { recursive: true, force: true });
}
