// Shared by tests/js and tests/browser: where the built site is, fresh copies
// of it, and waiting for a condition without fixed sleeps.
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// KIFU_SITE points the tests at another build of the site (e.g. a scratch one).
export const siteRoot = path.resolve(process.env.KIFU_SITE ?? path.join(repoRoot, 'build', 'site'));

/** Fails clearly (not a skip: a test that cannot run must not pass) without a build. */
export function requireSite() {
  for (const file of ['kifu/kifu-core.mjs', 'kifu/kifu-core.wasm', 'kifu/kifu-estimator.wasm', 'kifu/core.js', 'index.html']) {
    if (!existsSync(path.join(siteRoot, file))) {
      throw new Error(`build/site/${file} is missing: run build-scripts/build first`);
    }
  }
  return siteRoot;
}

/**
 * A throwaway copy of build/site that a test may change freely, with the demo
 * feed as web/ has it (build-scripts/serve's demo stream grows the built one).
 */
export async function copySite() {
  requireSite();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kifu-site-'));
  await fs.cp(siteRoot, dir, { recursive: true });
  for (const id of await fs.readdir(path.join(repoRoot, 'web', 'campaigns'))) {
    const demoFeed = path.join('campaigns', id, 'feed.json');
    if (existsSync(path.join(repoRoot, 'web', demoFeed))) await fs.copyFile(path.join(repoRoot, 'web', demoFeed), path.join(dir, demoFeed));
  }
  return {
    dir,
    remove: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

export async function waitFor(check, { timeout = 5000, interval = 20, message = 'condition' } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeout} ms waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** The demo campaign's documents as the tests' starting point. */
export async function demoDocuments() {
  const dir = path.join(repoRoot, 'web', 'campaigns', 'animal-center');
  return {
    campaignText: await fs.readFile(path.join(dir, 'campaign.json'), 'utf8'),
    feedText: await fs.readFile(path.join(dir, 'feed.json'), 'utf8'),
  };
}
