// Writes the second demo campaign's sample daily history (web/campaigns/
// city-library/history.json): made-up giving in US cents from the launch on
// 2026-03-01 through 2026-11-26 (Honolulu days), the day before the sample
// feed's as_of, scaled so the days add up to the feed's total less what came
// in on its own day. Deterministic, so the committed file can be regenerated
// byte for byte:
//
//   node build-scripts/lib/demo-history-library.mjs > web/campaigns/city-library/history.json
const START = Date.UTC(2026, 2, 1);
const DAYS = 271; // 2026-03-01 .. 2026-11-26
const TARGET = 73_412_550 - 98_765; // the feed's raised (cents), less the morning of 2026-11-27

let state = 20260301;
function random() {
  // mulberry32, as demo-history.mjs: stable across Node versions.
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const raw = [];
for (let i = 0; i < DAYS; i += 1) {
  const date = new Date(START + i * 86_400_000);
  const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
  const launch = i < 21 ? 2.5 - i / 14 : 1; // the storm's news fades over three weeks
  const level = (weekend ? 1.3 : 1) * launch;
  const points = level * (0.5 + random()) * 5;
  const card = level * (0.4 + random()) * 3;
  const transfer = random() < 0.1 ? 5 + random() * 12 : random() * 0.5;
  const offline = weekend ? random() * 0.8 : random() * 0.2; // the library's donation jar
  raw.push([date.toISOString().slice(0, 10), points, card, transfer, offline]);
}
const total = raw.reduce((s, r) => s + r[1] + r[2] + r[3] + r[4], 0);
const scale = TARGET / total;
let sum = 0;
const days = raw.map((r, index) => {
  const row = [r[0], ...r.slice(1).map((v) => Math.round(v * scale))];
  if (index === raw.length - 1) row[1] += TARGET - sum - row.slice(1).reduce((a, b) => a + b, 0);
  sum += row.slice(1).reduce((a, b) => a + b, 0);
  return row;
});

const doc = {
  schema_version: 1,
  campaign_id: 'city-library',
  currency: 'USD',
  through: '2026-11-26',
  channels: ['points', 'card', 'transfer', 'offline'],
  events: [
    { label: { en: 'Giving Tuesday (a sponsor matches gifts)', ja: 'ギビング・チューズデー（スポンサーが同額を上乗せ）' }, from: '2026-12-01', to: '2026-12-01', percent: 300 },
  ],
  scenarios: [
    { label: { en: '2,000 members each giving 5,000 points ($50)', ja: '会員2,000人が5,000ポイント（50ドル）ずつ寄付' }, from: '2026-12-01', to: '2027-02-28', people: 2_000, each: 5_000 },
  ],
};
const head = JSON.stringify(doc, null, 2).replace(/\n}$/, '');
process.stdout.write(`${head},\n  "days": [\n${days.map((d) => `    ${JSON.stringify(d)}`).join(',\n')}\n  ]\n}\n`);
