// Writes the second demo campaign's sample daily history (web/campaigns/
// city-library/history.json): made-up giving in US cents from the launch on
// 2026-03-01 through 2026-11-26 (Honolulu days), the day before the sample
// feed's as_of, scaled so the days add up to the feed's total less what came
// in on its own day. Deterministic, so the committed file can be regenerated
// byte for byte:
//
//   node build-scripts/lib/demo-history-library.mjs > web/campaigns/city-library/history.json

import { scaleDays, seededRandom, writeHistory } from './sample-history.mjs';

const START = Date.UTC(2026, 2, 1);
const DAYS = 271; // 2026-03-01 .. 2026-11-26
const TARGET = 73_412_550 - 98_765; // the feed's raised (cents), less the morning of 2026-11-27

const random = seededRandom(20260301);

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
const days = scaleDays(raw, TARGET);

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
writeHistory(doc, days);
