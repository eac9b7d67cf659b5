// The feed poller (web/kifu/feed-poller.js) against the real static server.
// Each test makes its own set of pollers with short intervals and a stand-in
// document whose visibility the test controls.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';

import { startServer } from '../../build-scripts/lib/static-server.mjs';
import { waitFor } from '../../build-scripts/lib/test-support.mjs';
import { createFeedPollers, readFeedReply } from '../../web/kifu/feed-poller.js';

let root;
let server;
let requests = []; // { path, status, ifNoneMatch, at }

before(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'kifu-poller-'));
  server = await startServer({
    root,
    port: 0,
    onRequest: (req, res) =>
      requests.push({ path: req.url, status: res.statusCode, ifNoneMatch: req.headers['if-none-match'], at: Date.now() }),
  });
});

after(async () => {
  await server?.close();
  await fs.rm(root, { recursive: true, force: true });
});

beforeEach(() => {
  requests = [];
});

function fakeDocument() {
  const doc = new EventTarget();
  doc.hidden = false;
  return doc;
}

function setup(name, text, options = {}) {
  const doc = fakeDocument();
  const pollers = createFeedPollers({ minIntervalSeconds: 0.05, maxBackoffSeconds: 0.4, doc, baseUrl: server.url, ...options });
  const file = path.join(root, name);
  const listener = () => {
    const messages = [];
    const fn = (m) => messages.push(m);
    fn.messages = messages;
    return fn;
  };
  const feedRequests = () => requests.filter((r) => r.path === `/${name}`);
  return { doc, pollers, file, listener, feedRequests, write: () => fs.writeFile(file, text) };
}

test('widgets on one page share one request per interval, revalidated with the ETag', async () => {
  const t = setup('shared.json', '{"raised":1}');
  await t.write();
  const a = t.listener();
  const b = t.listener();
  const stopA = t.pollers.subscribeFeed('shared.json', a, { intervalSeconds: 0.1 });
  const stopB = t.pollers.subscribeFeed(`${server.url}shared.json`, b, { intervalSeconds: 0.1 });
  await waitFor(() => t.feedRequests().length >= 4, { message: 'four polls' });
  stopA();
  stopB();
  const polls = t.feedRequests();
  assert.equal(polls[0].status, 200);
  assert.equal(polls[0].ifNoneMatch, undefined);
  for (const later of polls.slice(1)) {
    assert.equal(later.status, 304, 'unchanged feed costs a 304');
    assert.match(later.ifNoneMatch, /^"/);
  }
  // One poller: consecutive requests are an interval apart, not doubled up.
  for (let i = 1; i < polls.length; i += 1) assert.ok(polls[i].at - polls[i - 1].at >= 80, 'one request per interval');
  for (const listener of [a, b]) {
    assert.equal(listener.messages.length, 1, 'an unchanged feed is delivered once');
    assert.equal(listener.messages[0].text, '{"raised":1}');
    assert.match(listener.messages[0].etag, /^"/);
    assert.equal(typeof listener.messages[0].fetchedAt, 'number');
  }
});

test('new text reaches every subscriber; a late subscriber gets the current text at once', async () => {
  const t = setup('changes.json', '{"raised":1}');
  await t.write();
  const a = t.listener();
  const stopA = t.pollers.subscribeFeed('changes.json', a, { intervalSeconds: 0.1 });
  await waitFor(() => a.messages.length === 1, { message: 'first text' });
  await fs.writeFile(t.file, '{"raised":2}');
  await waitFor(() => a.messages.length === 2, { message: 'changed text' });
  assert.equal(a.messages[1].text, '{"raised":2}');
  const late = t.listener();
  const stopLate = t.pollers.subscribeFeed('changes.json', late, { intervalSeconds: 0.1 });
  await waitFor(() => late.messages.length === 1, { timeout: 50, interval: 1, message: 'late subscriber' });
  assert.equal(late.messages[0].text, '{"raised":2}');
  stopA();
  stopLate();
});

test('failures are reported, backed off exponentially, and recovery is announced', async () => {
  const t = setup('failing.json', '{"raised":1}');
  await t.write();
  const a = t.listener();
  const stop = t.pollers.subscribeFeed('failing.json', a, { intervalSeconds: 0.05 });
  await waitFor(() => a.messages.length === 1, { message: 'first text' });
  await fs.rm(t.file);
  await waitFor(() => a.messages.filter((m) => m.error).length >= 5, { timeout: 5000, message: 'five failures' });
  const errors = a.messages.filter((m) => m.error);
  assert.match(errors[0].error, /failing\.json: HTTP 404/);
  const failed = t.feedRequests().filter((r) => r.status === 404);
  const gaps = failed.slice(1).map((r, i) => r.at - failed[i].at);
  // 50 ms interval: 100, 200, 400 (cap), 400 ...
  assert.ok(gaps[1] >= gaps[0] * 1.5, `gaps grow: ${gaps}`);
  assert.ok(gaps[2] >= gaps[1] * 1.5, `gaps grow: ${gaps}`);
  assert.ok(gaps[3] < 400 * 1.5, `gaps are capped: ${gaps}`);
  // The same text comes back: subscribers hear that the feed is good again.
  const before = a.messages.length;
  await t.write();
  await waitFor(() => a.messages.length > before && 'text' in a.messages.at(-1), { timeout: 2000, message: 'recovery' });
  assert.equal(a.messages.at(-1).text, '{"raised":1}');
  stop();
});

test('a network failure is reported as an error, not thrown', async () => {
  const doc = fakeDocument();
  const pollers = createFeedPollers({ minIntervalSeconds: 0.05, doc, baseUrl: server.url, fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
  const messages = [];
  const stop = pollers.subscribeFeed('anything.json', (m) => messages.push(m));
  await waitFor(() => messages.length === 1, { message: 'an error message' });
  assert.match(messages[0].error, /anything\.json: Failed to fetch/);
  stop();
});

test('a hidden page does not poll, and polls at once when shown again if due', async () => {
  const t = setup('hidden.json', '{"raised":1}');
  await t.write();
  const a = t.listener();
  const stop = t.pollers.subscribeFeed('hidden.json', a, { intervalSeconds: 0.2 });
  await waitFor(() => a.messages.length === 1, { message: 'first text' });
  t.doc.hidden = true;
  const count = t.feedRequests().length;
  await new Promise((resolve) => setTimeout(resolve, 700));
  assert.ok(t.feedRequests().length <= count + 1, 'at most a poll already under way');
  const hiddenCount = t.feedRequests().length;
  t.doc.hidden = false;
  const shownAt = Date.now();
  t.doc.dispatchEvent(new Event('visibilitychange'));
  await waitFor(() => t.feedRequests().length > hiddenCount, { timeout: 1000, interval: 2, message: 'a poll on show' });
  assert.ok(t.feedRequests().at(-1).at - shownAt < 150, 'polled at once, not after a full interval');
  stop();
});

test('never polls more often than the minimum interval', async () => {
  const t = setup('floor.json', '{"raised":1}', { minIntervalSeconds: 0.2 });
  await t.write();
  const stop = t.pollers.subscribeFeed('floor.json', t.listener(), { intervalSeconds: 0.001 });
  await new Promise((resolve) => setTimeout(resolve, 700));
  stop();
  const n = t.feedRequests().length;
  assert.ok(n >= 2 && n <= 5, `${n} polls in 700 ms at a 200 ms floor`);
});

test('stops polling when the last subscriber leaves', async () => {
  const t = setup('leave.json', '{"raised":1}');
  await t.write();
  const a = t.listener();
  const stop = t.pollers.subscribeFeed('leave.json', a, { intervalSeconds: 0.05 });
  await waitFor(() => t.feedRequests().length >= 2, { message: 'two polls' });
  stop();
  await new Promise((resolve) => setTimeout(resolve, 60));
  const n = t.feedRequests().length;
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(t.feedRequests().length, n);
});

test('a request the snippet already made is the first poll: one request, then polling as usual', async () => {
  const t = setup('started.json', '{"raised":5}');
  await t.write();
  // embed.js asks for the feed before feed-poller.js has loaded, reads it,
  // and hands the reply over when the first widget subscribes.
  const started = fetch(`${server.url}started.json`, { cache: 'no-cache' }).then(readFeedReply);
  await waitFor(() => t.feedRequests().length === 1, { message: 'the early request' });
  const a = t.listener();
  const stop = t.pollers.subscribeFeed('started.json', a, { intervalSeconds: 0.1, started });
  await waitFor(() => a.messages.length === 1, { message: 'the early text' });
  assert.equal(a.messages[0].text, '{"raised":5}');
  assert.match(a.messages[0].etag, /^"/, 'its ETag revalidates the next poll');
  assert.equal(t.feedRequests().length, 1, 'the first poll did not ask again');
  await waitFor(() => t.feedRequests().length >= 2, { message: 'the next poll' });
  stop();
  const next = t.feedRequests()[1];
  assert.equal(next.status, 304);
  assert.equal(next.ifNoneMatch, a.messages[0].etag);
});

test('an early reply already read reaches the subscriber without waiting for a task, so the widget shows it before the next frame', async () => {
  const t = setup('read-ahead.json', '{"raised":7}');
  await t.write();
  const started = fetch(`${server.url}read-ahead.json`, { cache: 'no-cache' }).then(readFeedReply);
  await started;
  const a = t.listener();
  const stop = t.pollers.subscribeFeed('read-ahead.json', a, { intervalSeconds: 60, started });
  // Microtasks only: a task (a Response's text(), a timer) cannot run in between.
  for (let i = 0; i < 1000 && a.messages.length === 0; i += 1) await null;
  stop();
  assert.deepEqual(a.messages.map((m) => m.text), ['{"raised":7}']);
  assert.equal(t.feedRequests().length, 1, 'no second request');
});

test('a failed early request counts as a failed poll: the subscriber hears it and the poller tries again itself', async () => {
  const t = setup('late-file.json', '{"raised":6}');
  const a = t.listener();
  // The file is not there yet: the early request gets a 404.
  const started = fetch(`${server.url}late-file.json`, { cache: 'no-cache' }).then(readFeedReply);
  const stop = t.pollers.subscribeFeed('late-file.json', a, { intervalSeconds: 0.1, started });
  await waitFor(() => a.messages.length === 1, { message: 'the failure' });
  assert.match(a.messages[0].error, /late-file\.json: HTTP 404/);
  assert.equal(t.feedRequests().length, 1, 'the failure heard is the early request\'s, not a second one');
  await t.write();
  await waitFor(() => a.messages.some((m) => m.text === '{"raised":6}'), { timeout: 3000, message: 'the retry' });
  stop();
});
