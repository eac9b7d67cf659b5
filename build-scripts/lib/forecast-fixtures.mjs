// What the forecast tests compare the browser and the wasm module against:
// the native kifu command's forecast of the demo campaign, at the demo
// feed's own time (so "now" is the same on both sides), and the chart's
// point lists (the browser re-serialises the SVG; what it draws is these).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { repoRoot } from './test-support.mjs';

export const DEMO_DIR = path.join(repoRoot, 'web', 'campaigns', 'animal-center');
export const DEMO_NOW = '2026-11-27T10:03:00+09:00';

/** `kifu render forecast --json` on the demo campaign, parsed. */
export function nativeForecast(lang, seed, paths) {
  const r = spawnSync(path.join(repoRoot, 'build', 'native', 'src', 'cli', 'kifu'), ['render', 'forecast',
    '--campaign', path.join(DEMO_DIR, 'campaign.json'), '--feed', path.join(DEMO_DIR, 'feed.json'), '--seed', String(seed),
    '--paths', String(paths), '--lang', lang, '--now', DEMO_NOW, '--json'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** The chart's point lists, in order. */
export const svgPoints = (svg) => [...svg.matchAll(/points="([^"]+)"/g)].map((m) => m[1]);
