// A small static file server for build/site: enough HTTP for the site, its
// widgets and the tests (no dependencies, 127.0.0.1 only).
//
//   node build-scripts/lib/static-server.mjs [--root build/site] [--port 8080]
//   const { url, close } = await startServer({ root: 'build/site', port: 0 });
//
// Files are read on every request because the totals feed is rewritten while
// the server runs; they are small, so hashing each one for its ETag is cheap.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  // Anything else makes Chromium fall back from streaming compilation, with a
  // console error (TOOLCHAIN.md).
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// The policy the widgets promise to work under (DESIGN.md: guests on someone
// else's page). 'wasm-unsafe-eval' is what WebAssembly compilation needs.
export const CONTENT_SECURITY_POLICY = "script-src 'self' 'wasm-unsafe-eval'";

// Widgets are embedded on other origins: they fetch the module, definitions
// and feeds cross-origin, send If-None-Match (not a CORS-safelisted header, so
// it needs a preflight) and must be able to read the ETag of the response.
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'If-None-Match, Cache-Control',
  'Access-Control-Expose-Headers': 'ETag',
  'Access-Control-Max-Age': '600',
};

function etagOf(body) {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

// If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ is ignored.
function etagMatches(header, etag) {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function send(res, status, headers, body = '') {
  res.writeHead(status, { ...CORS_HEADERS, ...headers });
  res.end(body);
}

function sendText(res, req, status, text) {
  const headers = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };
  send(res, status, headers, req.method === 'HEAD' ? '' : `${text}\n`);
}

// Maps a request path to a file under root, or null when it would leave root:
// "..", encoded slashes and backslashes, NUL bytes, dot-files, and symlinks
// that point outside.
async function resolveUnder(realRoot, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return null;
  const candidate = path.join(realRoot, ...segments);
  let real;
  try {
    real = await fs.realpath(candidate);
  } catch {
    return { missing: true };
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return null;
  return { file: real };
}

async function handle(realRoot, req, res) {
  if (req.method === 'OPTIONS') return send(res, 204, {});
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, { Allow: 'GET, HEAD, OPTIONS', 'Content-Type': 'text/plain' }, '');
  }
  // Checked on the raw target: a URL parser would quietly resolve "/../x".
  const rawPath = (req.url ?? '/').split('?')[0].split('#')[0];
  if (!rawPath.startsWith('/')) return sendText(res, req, 400, 'Bad request');
  const resolved = await resolveUnder(realRoot, rawPath);
  if (resolved === null) return sendText(res, req, 403, 'Forbidden');
  if (resolved.missing) return sendText(res, req, 404, 'Not found');

  let file = resolved.file;
  let stat = await fs.stat(file);
  if (stat.isDirectory()) {
    // Relative links in an index page only resolve against "/en/", not "/en".
    if (!rawPath.endsWith('/')) {
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      return send(res, 301, { Location: `${rawPath}/${query}`, 'Cache-Control': 'no-cache' });
    }
    file = path.join(file, 'index.html');
    try {
      stat = await fs.stat(file);
    } catch {
      return sendText(res, req, 404, 'Not found');
    }
  }
  if (!stat.isFile()) return sendText(res, req, 404, 'Not found');

  let body;
  try {
    body = await fs.readFile(file);
  } catch {
    // Removed between stat and read (the demo stream renames feeds in place).
    return sendText(res, req, 404, 'Not found');
  }
  const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const etag = etagOf(body);
  const headers = {
    ETag: etag,
    // Always revalidate: feeds change every few seconds and the site is small.
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  };
  if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
  if (etagMatches(req.headers['if-none-match'], etag)) return send(res, 304, headers);
  headers['Content-Type'] = type;
  headers['Content-Length'] = body.length;
  return send(res, 200, headers, req.method === 'HEAD' ? '' : body);
}

/**
 * Serves `root` on 127.0.0.1. `port` 0 picks a free port.
 * `onRequest(req, res)` is called once each response finishes (for logs and
 * tests that count requests).
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export async function startServer({ root, port = 0, onRequest } = {}) {
  if (typeof root !== 'string' || root === '') throw new TypeError('startServer: root must be a path');
  const realRoot = await fs.realpath(root);
  const server = http.createServer((req, res) => {
    if (onRequest) res.on('finish', () => onRequest(req, res));
    handle(realRoot, req, res).catch((error) => {
      if (!res.headersSent) sendText(res, req, 500, 'Internal server error');
      else res.destroy();
      console.error(`static-server: ${req.url}: ${error.message}`);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections (browsers hold them open) would delay close.
        server.closeAllConnections();
      }),
  };
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--root') options.root = argv[++i];
    else if (arg === '--port') options.port = argv[++i];
    else if (/^\d+$/.test(arg)) options.port = arg;
    else if (!arg.startsWith('-')) options.root = arg;
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const args = parseArgs(process.argv.slice(2));
  const root = path.resolve(args.root ?? path.join(repo, 'build', 'site'));
  const port = Number(args.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`static-server: bad port ${args.port ?? process.env.PORT}`);
    process.exit(2);
  }
  const { url, close } = await startServer({ root, port });
  console.log(`Serving ${path.relative(process.cwd(), root) || '.'} at ${url}`);
  const stop = () => close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
