// The Node baseline for `kifu aggregate`: the same aggregation, streaming,
// one JSON.parse per line, a Map by id (amount, channel, donor) and a Map of
// donor key -> standing donations. No validation beyond what the totals need,
// so it is a generous baseline.
//
//   node bench-aggregate-baseline.mjs RECORDS.jsonl
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const ids = new Map();
const donors = new Map();
let raised = 0n;
let read = 0;
const lines = createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity });
for await (const line of lines) {
  if (!line) continue;
  read += 1;
  const r = JSON.parse(line);
  const known = ids.get(r.id);
  if (r.status === 'completed') {
    if (known) continue;
    ids.set(r.id, { amount: r.amount, channel: r.channel, donor: r.donor, removed: false });
    raised += BigInt(r.amount);
    donors.set(r.donor, (donors.get(r.donor) ?? 0) + 1);
  } else if (known && !known.removed) {
    known.removed = true;
    raised -= BigInt(known.amount);
    const n = donors.get(known.donor) - 1;
    if (n === 0) donors.delete(known.donor);
    else donors.set(known.donor, n);
  }
}
console.log(JSON.stringify({ read, raised: String(raised), donors: donors.size }));
