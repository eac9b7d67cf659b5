// Makes a demo feed look live: every few seconds, adds a handful of plausible
// donations to a totals feed file and rewrites it.
//
//   node build-scripts/lib/demo-stream.mjs build/site/campaigns/*/feed.json [--interval 3]
//   const stream = await startDemoStream({ file, intervalMs: 3000 }); stream.stop();
//
// The file is replaced atomically (write a temporary file in the same folder,
// then rename over the feed): the static server may read it at any moment and
// must never serve half a document.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const CHANNELS = ['points', 'card', 'transfer', 'offline'];

const pad = (n) => String(n).padStart(2, '0');

// "2026-11-27T08:00:00-10:00": a time at a fixed offset from UTC, as a back
// office in that zone writes as_of (Kifu's zones keep no daylight saving time).
export function isoTimeAtOffset(unixMs, offsetMinutes) {
  const d = new Date(unixMs + offsetMinutes * 60 * 1000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(offsetMinutes);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`
  );
}

// "2026-11-27T10:00:00+09:00": the feed's as_of in Japan time.
export function isoJapanTime(unixMs) {
  return isoTimeAtOffset(unixMs, 9 * 60);
}

// The offset a feed's as_of is written in, in minutes (Z is 0); Japan's when
// it has none, so the stream keeps writing the zone the back office used.
export function offsetOf(asOf) {
  const m = /([+-])(\d\d):(\d\d)$/.exec(asOf ?? '');
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return /Z$/i.test(asOf ?? '') ? 0 : 9 * 60;
}

// One gift in yen. Points arrive in the program's steps (100 points -> ¥500,
// members usually exchange a few thousand points); cards and transfers are
// larger and rarer; offline (collection boxes) are small.
function oneGift(random, currency) {
  if (currency !== 'JPY') return oneGiftInCents(random);
  const r = random();
  if (r < 0.6) return { channel: 'points', amount: 500 * (1 + Math.floor(random() * 60)) };
  if (r < 0.85) return { channel: 'card', amount: 1000 * (1 + Math.floor(random() * 30)) };
  if (r < 0.95) return { channel: 'transfer', amount: 10000 * (1 + Math.floor(random() * 10)) };
  return { channel: 'offline', amount: 100 * (1 + Math.floor(random() * 50)) };
}

// One gift in cents (USD and other currencies with two minor digits): points
// in whole dollars (100 points give $1.00), cards and transfers to the cent.
function oneGiftInCents(random) {
  const r = random();
  if (r < 0.55) return { channel: 'points', amount: 100 * (5 + Math.floor(random() * 100)) };
  if (r < 0.85) return { channel: 'card', amount: 500 + Math.floor(random() * 20_000) };
  if (r < 0.95) return { channel: 'transfer', amount: 10_000 + Math.floor(random() * 90_000) };
  return { channel: 'offline', amount: 100 + Math.floor(random() * 4_900) };
}

/**
 * The next feed after a few new donations; the input is not modified.
 * raised, donors and donations only grow; by_channel keeps summing to raised;
 * donations stay >= donors (a returning donor adds a donation, not a donor).
 */
export function nextFeed(feed, { nowMs = Date.now(), random = Math.random } = {}) {
  const next = structuredClone(feed);
  const byChannel = next.by_channel ?? null;
  const gifts = 1 + Math.floor(random() * 12);
  for (let i = 0; i < gifts; i += 1) {
    const { channel, amount } = oneGift(random, next.currency ?? 'JPY');
    next.raised += amount;
    next.donations += 1;
    if (random() < 0.8) next.donors += 1;
    if (byChannel) byChannel[channel] = (byChannel[channel] ?? 0) + amount;
  }
  if (!Number.isSafeInteger(next.raised)) throw new RangeError('demo-stream: raised left the safe integer range');
  next.as_of = isoTimeAtOffset(nowMs, offsetOf(feed.as_of));
  return next;
}

/** Replaces `file` with `text` so that readers see the old or the new file, never a mix. */
export async function writeAtomically(file, text) {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, text);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/**
 * Rewrites `file` every `intervalMs` with new donations.
 * @returns {Promise<{stop: () => Promise<void>, current: () => object}>}
 */
export async function startDemoStream({ file, intervalMs = 3000, random = Math.random, onWrite } = {}) {
  if (typeof file !== 'string') throw new TypeError('startDemoStream: file must be a path');
  if (!(intervalMs > 0)) throw new TypeError('startDemoStream: intervalMs must be a positive number');
  let feed = JSON.parse(await fs.readFile(file, 'utf8'));
  for (const field of ['raised', 'donors', 'donations']) {
    if (!Number.isSafeInteger(feed[field])) throw new TypeError(`demo-stream: ${file}: /${field} must be an integer`);
  }
  if (feed.by_channel) {
    for (const channel of CHANNELS) feed.by_channel[channel] ??= 0;
  }
  let writing = Promise.resolve();
  let stopped = false;
  const tick = () => {
    // Ticks never overlap: a slow disk delays the next write instead.
    writing = writing.then(async () => {
      if (stopped) return;
      feed = nextFeed(feed, { random });
      await writeAtomically(file, `${JSON.stringify(feed, null, 2)}\n`);
      onWrite?.(feed);
    }).catch((error) => console.error(`demo-stream: ${error.message}`));
  };
  const timer = setInterval(tick, intervalMs);
  return {
    current: () => feed,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await writing;
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const files = [];
  let seconds = 3;
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--interval') seconds = Number(args[++i]);
    else files.push(args[i]);
  }
  if (!files.length || !(seconds > 0)) {
    console.error('usage: demo-stream.mjs FEED.json... [--interval SECONDS]');
    process.exit(2);
  }
  // One stream per campaign's feed, each in its own currency and zone.
  const streams = await Promise.all(files.map((file) => startDemoStream({ file, intervalMs: seconds * 1000 })));
  console.log(`demo-stream: adding donations to ${files.join(', ')} every ${seconds} s`);
  const stop = () => Promise.all(streams.map((stream) => stream.stop())).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
