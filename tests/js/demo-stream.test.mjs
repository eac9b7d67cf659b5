// The demo stream that makes the sample feed look live.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { isoJapanTime, isoTimeAtOffset, nextFeed, startDemoStream } from '../../build-scripts/lib/demo-stream.mjs';
import { demoDocuments, repoRoot } from '../../build-scripts/lib/test-support.mjs';

const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);

test('writes as_of in Japan time with its +09:00 offset', () => {
  assert.equal(isoJapanTime(Date.parse('2026-11-27T01:02:03Z')), '2026-11-27T10:02:03+09:00');
  assert.equal(isoJapanTime(Date.parse('2026-12-31T20:00:00Z')), '2027-01-01T05:00:00+09:00');
});

test('writes as_of at any fixed offset, behind UTC too', () => {
  // 2026-11-27T18:02:03Z is 08:02:03 in Honolulu (UTC-10; `TZ=Pacific/Honolulu date -d 2026-11-27T18:02:03Z`).
  assert.equal(isoTimeAtOffset(Date.parse('2026-11-27T18:02:03Z'), -600), '2026-11-27T08:02:03-10:00');
  // 05:30 past UTC midnight is still the previous day there.
  assert.equal(isoTimeAtOffset(Date.parse('2026-12-01T05:30:00Z'), -600), '2026-11-30T19:30:00-10:00');
  assert.equal(isoTimeAtOffset(Date.parse('2026-11-27T00:00:00Z'), 330), '2026-11-27T05:30:00+05:30');
});

test('the library feed grows in cents and keeps its Honolulu offset', async () => {
  let feed = JSON.parse(await fs.readFile(path.join(repoRoot, 'web', 'campaigns', 'city-library', 'feed.json'), 'utf8'));
  let cents = false;
  for (let i = 0; i < 200; i += 1) {
    const next = nextFeed(feed, { nowMs: Date.parse('2026-11-27T18:00:00Z') + i * 3000 });
    assert.ok(next.raised > feed.raised);
    assert.equal(sum(next.by_channel), next.raised);
    assert.match(next.as_of, /^2026-11-27T08:\d\d:\d\d-10:00$/);
    if ((next.raised - feed.raised) % 100 !== 0) cents = true;
    feed = next;
  }
  assert.ok(cents, 'some gifts are not whole dollars');
});

test('each step adds donations that keep the feed consistent', async () => {
  let feed = JSON.parse((await demoDocuments()).feedText);
  for (let i = 0; i < 500; i += 1) {
    const next = nextFeed(feed, { nowMs: Date.parse('2026-11-27T01:00:00Z') + i * 3000 });
    assert.ok(next.raised > feed.raised);
    assert.ok(next.donors >= feed.donors);
    assert.ok(next.donations > feed.donations);
    assert.ok(next.donations >= next.donors);
    assert.equal(sum(next.by_channel), next.raised);
    assert.equal(next.campaign_id, feed.campaign_id);
    feed = next;
  }
});

test('rewrites atomically: a reader polling the file never sees a partial document', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kifu-stream-'));
  const file = path.join(dir, 'feed.json');
  // Padding makes each write large enough that a non-atomic writer would be
  // caught mid-write by a reader this busy.
  const feed = { ...JSON.parse((await demoDocuments()).feedText), note: 'x'.repeat(256 * 1024) };
  await fs.writeFile(file, JSON.stringify(feed));
  let writes = 0;
  const stream = await startDemoStream({ file, intervalMs: 2, onWrite: () => (writes += 1) });
  let reads = 0;
  let lastRaised = 0;
  try {
    // Run until enough writes and reads have overlapped, not for a fixed
    // time: on a loaded machine 1.5 s held only 16 rewrites. The cap keeps a
    // stalled writer from hanging the suite.
    const giveUp = Date.now() + 30000;
    while ((writes < 20 || reads < 20) && Date.now() < giveUp) {
      const text = await fs.readFile(file, 'utf8');
      const parsed = JSON.parse(text); // throws on a torn read
      assert.ok(parsed.raised >= lastRaised, 'the total never goes back');
      lastRaised = parsed.raised;
      reads += 1;
    }
  } finally {
    await stream.stop();
  }
  assert.ok(writes >= 20, `only ${writes} rewrites happened`);
  assert.ok(reads >= 20, `only ${reads} reads happened`);
  const leftovers = (await fs.readdir(dir)).filter((name) => name !== 'feed.json');
  assert.deepEqual(leftovers, [], 'no temporary files left behind');
  await fs.rm(dir, { recursive: true, force: true });
});
