// The TypeScript declarations of the widgets' JavaScript API (web/kifu/*.d.ts)
// must compile against a file of expected uses and refusals.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';

import { repoRoot } from '../../build-scripts/lib/test-support.mjs';

test('tsc --noEmit accepts the declared API and refuses what it must', () => {
  const tsc = path.join(repoRoot, 'node_modules', '.bin', 'tsc');
  const r = spawnSync(tsc, ['--noEmit', '-p', path.join(repoRoot, 'tests', 'types', 'tsconfig.json')], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
});
