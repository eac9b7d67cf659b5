// The committed demo histories are what their generators write, so anyone can
// change the shape of the sample giving and regenerate them instead of editing
// hundreds of lines by hand; and the days add up to the sample feed's total.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const cases = [
  ['build-scripts/lib/demo-history.mjs', 'web/campaigns/animal-center', 412_000],
  ['build-scripts/lib/demo-history-library.mjs', 'web/campaigns/city-library', 98_765],
];

for (const [script, folder, morning] of cases) {
  test(`${folder}/history.json is what ${script} writes`, () => {
    const written = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    assert.equal(written, fs.readFileSync(`${folder}/history.json`, 'utf8'));
  });

  test(`${folder}: the history's days plus the feed day's morning add up to the feed's raised`, () => {
    const history = JSON.parse(fs.readFileSync(`${folder}/history.json`, 'utf8'));
    const feed = JSON.parse(fs.readFileSync(`${folder}/feed.json`, 'utf8'));
    const sum = history.days.reduce((s, [, ...amounts]) => s + amounts.reduce((a, b) => a + b, 0), 0);
    assert.equal(sum + morning, Number(feed.raised));
  });
}
