// kifu aggregate beside a streaming Node.js baseline (JSON.parse per line), on
// 1 million and 10 million generated records: records per second and peak
// memory (max RSS from /usr/bin/time), with ratios. Also records per CPU
// second (user + system), which a machine shared with other work disturbs
// less than the wall clock. Generated data goes to
// build/bench/ (not in git). Not a test: it prints, it does not judge.
//
//   node build-scripts/lib/bench-aggregate.mjs [--sizes 1000000,10000000]
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';

import { repoRoot } from './test-support.mjs';

const sizesArg = process.argv.indexOf('--sizes');
const SIZES = sizesArg > 0 ? process.argv[sizesArg + 1].split(',').map(Number) : [1_000_000, 10_000_000];
const dir = path.join(repoRoot, 'build', 'bench');
const kifu = path.join(repoRoot, 'build', 'native', 'src', 'cli', 'kifu');
const campaign = path.join(repoRoot, 'tests', 'data', 'campaign.json');
const baseline = path.join(repoRoot, 'build-scripts', 'lib', 'bench-aggregate-baseline.mjs');

// Deterministic records: ids unique, donors ~ n/3 distinct, 1% refunds of an
// earlier id, 0.5% re-sent duplicates, card/transfer/offline (points need the
// estimator's conversion, see the report).
async function generate(n, file) {
  if (existsSync(file) && statSync(file).size > 0) return;
  const out = createWriteStream(file);
  let seed = 20261127;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const channels = ['card', 'transfer', 'offline'];
  const start = Date.UTC(2026, 3, 1) - 9 * 3600e3;
  let buf = '';
  for (let i = 0; i < n; i += 1) {
    const u = rand();
    const time = new Date(start + Math.floor((i / n) * 200 * 86400e3)).toISOString().replace('.000Z', 'Z');
    if (u < 0.01 && i > 0) {
      buf += `{"id":"d-${Math.floor(rand() * i)}","time":"${time}","status":"refunded"}\n`;
    } else {
      const id = u < 0.015 && i > 0 ? Math.floor(rand() * i) : i;
      buf += `{"id":"d-${id}","time":"${time}","channel":"${channels[id % 3]}","amount":${(id % 50 + 1) * 100},"donor":"donor-${(id * 2654435761) % Math.ceil(n / 3)}","status":"completed"}\n`;
    }
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

function measure(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = r.stderr.trim().split('\n').pop().split(' ');
  return { status: r.status, seconds: Number(last[0]), rssMiB: Number(last[1]) / 1024, cpu: Number(last[2]) + Number(last[3]), stdout: r.stdout };
}

mkdirSync(dir, { recursive: true });
console.log('\n== kifu aggregate vs a streaming Node.js baseline (JSON.parse per line)');
const rows = [];
for (const n of SIZES) {
  const file = path.join(dir, `records-${n}.jsonl`);
  await generate(n, file);
  const k = measure(kifu, ['aggregate', '--campaign', campaign, '--out', path.join(dir, 'feed.json'), '--max-rejects', '100%', '--as-of', '2026-11-30T00:00:00+09:00', '--json', file]);
  const b = measure(process.execPath, ['--max-old-space-size=16384', baseline, file]);
  const kc = JSON.parse(k.stdout);
  const bc = JSON.parse(b.stdout);
  if (kc.raised !== bc.raised || kc.donors !== bc.donors) {
    console.log(`  !! totals differ: kifu ${kc.raised}/${kc.donors} donors, node ${bc.raised}/${bc.donors}`);
  }
  const row = { n, kRate: n / k.seconds, bRate: n / b.seconds, kCpu: n / k.cpu, bCpu: n / b.cpu, kMem: k.rssMiB, bMem: b.rssMiB };
  rows.push(row);
  console.log(`  ${n.toLocaleString('en')} records (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB):`);
  console.log(`    kifu  ${Math.round(row.kRate).toLocaleString('en').padStart(10)} records/s (${Math.round(row.kCpu).toLocaleString('en')} per CPU s)  peak ${row.kMem.toFixed(0).padStart(6)} MiB`);
  console.log(`    node  ${Math.round(row.bRate).toLocaleString('en').padStart(10)} records/s (${Math.round(row.bCpu).toLocaleString('en')} per CPU s)  peak ${row.bMem.toFixed(0).padStart(6)} MiB`);
  console.log(`    ratio kifu/node: throughput ${(row.kRate / row.bRate).toFixed(2)}x (per CPU s ${(row.kCpu / row.bCpu).toFixed(2)}x), memory ${(row.kMem / row.bMem).toFixed(2)}x`);
}
if (rows.length > 1) {
  const [a, b] = [rows[0], rows[rows.length - 1]];
  console.log(`  memory growth ${a.n.toLocaleString('en')} -> ${b.n.toLocaleString('en')}: kifu ${(b.kMem / a.kMem).toFixed(2)}x, node ${(b.bMem / a.bMem).toFixed(2)}x (goal for kifu: <= 1.2x)`);
}
