// The static server the site and the browser tests run on.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { startServer } from '../../build-scripts/lib/static-server.mjs';

let root;
let server;

before(async () => {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'kifu-server-'));
  root = path.join(base, 'site');
  await fs.mkdir(path.join(root, 'kifu'), { recursive: true });
  await fs.mkdir(path.join(root, 'en'), { recursive: true });
  await fs.writeFile(path.join(root, 'index.html'), '<!doctype html><title>Kifu</title>');
  await fs.writeFile(path.join(root, 'en', 'index.html'), '<!doctype html><title>Kifu en</title>');
  await fs.writeFile(path.join(root, 'kifu', 'kifu-core.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  await fs.writeFile(path.join(root, 'kifu', 'core.js'), 'export {};\n');
  await fs.writeFile(path.join(root, 'kifu', 'kifu-core.mjs'), 'export default 1;\n');
  await fs.writeFile(path.join(root, 'feed.json'), '{"raised":1}\n');
  await fs.writeFile(path.join(root, 'chart.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await fs.writeFile(path.join(root, 'site.css'), 'body{}');
  // Outside the root: must never be served.
  await fs.writeFile(path.join(base, 'secret.txt'), 'secret');
  await fs.symlink(path.join(base, 'secret.txt'), path.join(root, 'link-out.txt'));
  server = await startServer({ root, port: 0 });
});

after(async () => {
  await server?.close();
  await fs.rm(path.dirname(root), { recursive: true, force: true });
});

// A raw request: fetch() would normalise "/../" away before sending it.
function get(rawPath, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url.slice(0, -1)}`, { path: rawPath, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('listens on 127.0.0.1 on the port it was given (0: any free port)', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.ok(server.port > 0);
});

test('serves WebAssembly as application/wasm, and modules as JavaScript', async () => {
  assert.equal((await get('/kifu/kifu-core.wasm')).headers['content-type'], 'application/wasm');
  assert.match((await get('/kifu/kifu-core.mjs')).headers['content-type'], /^text\/javascript/);
  assert.match((await get('/kifu/core.js')).headers['content-type'], /^text\/javascript/);
  assert.match((await get('/feed.json')).headers['content-type'], /^application\/json/);
  assert.match((await get('/chart.svg')).headers['content-type'], /^image\/svg\+xml/);
  assert.match((await get('/site.css')).headers['content-type'], /^text\/css/);
  assert.equal((await get('/index.html')).headers['content-type'], 'text/html; charset=utf-8');
});

test('answers If-None-Match with 304 while the file is unchanged, and 200 once it changes', async () => {
  const first = await get('/feed.json');
  assert.equal(first.status, 200);
  const etag = first.headers.etag;
  assert.match(etag, /^"[^"]+"$/, 'a strong ETag');
  assert.equal(first.headers['cache-control'], 'no-cache');
  const again = await get('/feed.json', { 'If-None-Match': etag });
  assert.equal(again.status, 304);
  assert.equal(again.body, '');
  await fs.writeFile(path.join(root, 'feed.json'), '{"raised":2}\n');
  const changed = await get('/feed.json', { 'If-None-Match': etag });
  assert.equal(changed.status, 200);
  assert.notEqual(changed.headers.etag, etag);
  assert.equal(changed.body, '{"raised":2}\n');
});

test('sends the strict Content-Security-Policy on HTML pages only', async () => {
  const page = await get('/');
  assert.equal(page.headers['content-security-policy'], "script-src 'self' 'wasm-unsafe-eval'");
  assert.equal((await get('/feed.json')).headers['content-security-policy'], undefined);
});

test('allows cross-origin use: any origin, If-None-Match preflights, readable ETag', async () => {
  const feed = await get('/feed.json', { Origin: 'http://example.test' });
  assert.equal(feed.headers['access-control-allow-origin'], '*');
  assert.match(feed.headers['access-control-expose-headers'], /ETag/i);
  const preflight = await get('/feed.json', {
    Origin: 'http://example.test',
    'Access-Control-Request-Method': 'GET',
    'Access-Control-Request-Headers': 'if-none-match',
  }, 'OPTIONS');
  assert.equal(preflight.status, 204);
  assert.match(preflight.headers['access-control-allow-headers'], /If-None-Match/i);
});

test('serves index.html for directories, redirecting to the trailing slash', async () => {
  assert.match((await get('/')).body, /<title>Kifu<\/title>/);
  const bare = await get('/en');
  assert.equal(bare.status, 301);
  assert.equal(bare.headers.location, '/en/');
  assert.match((await get('/en/')).body, /Kifu en/);
});

test('refuses paths that leave the root', async () => {
  for (const attempt of ['/../secret.txt', '/en/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/link-out.txt', '/feed.json%00.txt']) {
    const res = await get(attempt);
    assert.ok(res.status === 403 || res.status === 404, `${attempt} -> ${res.status}`);
    assert.doesNotMatch(res.body, /secret/, attempt);
  }
});

test('says 404 for missing files and 405 for writes', async () => {
  assert.equal((await get('/nope.json')).status, 404);
  assert.equal((await get('/feed.json', {}, 'POST')).status, 405);
  const head = await get('/feed.json', {}, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
});
