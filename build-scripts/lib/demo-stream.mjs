// Makes a demo feed look live: every few seconds, adds a handful of plausible
// donations to a totals feed file and rewrites it.
//
//   node build-scripts/lib/demo-stream.mjs build/site/campaigns/animal-center/feed.json [--interval 3]
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

// "2026-11-27T10:00:00+09:00": the feed's as_of in Japan time, as the back
// office writes it (Japan has no daylight saving time, so +09:00 always).
export function isoJapanTime(unixMs) {
  const d = new Date(unixMs + 9 * 3600 * 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+09:00`
  );
}

// One gift in yen. Points arrive in the program's steps (100 points -> ¥500,
// members usually exchange a few thousand points); cards and transfers are
// larger and rarer; offline (collection boxes) are small.
function oneGift(random) {
  const r = random();
  if (r < 0.6) return { channel: 'points', amount: 500 * (1 + Math.floor(random() * 60)) };
  if (r < 0.85) return { channel: 'card', amount: 1000 * (1 + Math.floor(random() * 30)) };
  if (r < 0.95) return { channel: 'transfer', amount: 10000 * (1 + Math.floor(random() * 10)) };
  return { channel: 'offline', amount: 100 * (1 + Math.floor(random() * 50)) };
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
    const { channel, amount } = oneGift(random);
    next.raised += amount;
    next.donations += 1;
    if (random() < 0.8) next.donors += 1;
    if (byChannel) byChannel[channel] = (byChannel[channel] ?? 0) + amount;
  }
  if (!Number.isSafeInteger(next.raised)) throw new RangeError('demo-stream: raised left the safe integer range');
  next.as_of = isoJapanTime(nowMs);
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
  let file;
  let seconds = 3;
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--interval') seconds = Number(args[++i]);
    else file = args[i];
  }
  if (!file || !(seconds > 0)) {
    console.error('usage: demo-stream.mjs FEED.json [--interval SECONDS]');
    process.exit(2);
  }
  const stream = await startDemoStream({ file, intervalMs: seconds * 1000 });
  console.log(`demo-stream: adding donations to ${file} every ${seconds} s`);
  const stop = () => stream.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
