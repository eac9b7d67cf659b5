// The site generator and the native commands it calls (kifu render facts,
// share, --png), with the real kifu build. Expected figures are written by
// Intl or by hand, not by the core.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { minifyCss } from '../../build-scripts/lib/minify-css.mjs';
import { generateSite } from '../../build-scripts/lib/site-generator.mjs';
import { repoRoot } from '../../build-scripts/lib/test-support.mjs';

const kifu = path.join(repoRoot, 'build', 'native', 'src', 'cli', 'kifu');
const library = path.join(repoRoot, 'web', 'campaigns', 'city-library');
let scratch;

before(async () => {
  if (!existsSync(kifu)) throw new Error('build/native/src/cli/kifu is missing: run build-scripts/build native first');
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'kifu-site-test-'));
});
after(() => fs.rm(scratch, { recursive: true, force: true }));

const run = (...args) => spawnSync(kifu, args, { encoding: args.includes('--png') ? 'buffer' : 'utf8' });
const docs = (dir) => ['--campaign', path.join(dir, 'campaign.json'), '--feed', path.join(dir, 'feed.json')];

test('kifu render facts gives the channel breakdown and milestones in dollars and cents', async () => {
  const feed = JSON.parse(await fs.readFile(path.join(library, 'feed.json'), 'utf8'));
  const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
  const r = run('render', 'facts', ...docs(library), '--lang', 'en');
  assert.equal(r.status, 0, r.stderr);
  const facts = JSON.parse(r.stdout);
  assert.deepEqual(facts.channels.map((c) => c.id), ['points', 'card', 'transfer', 'offline']);
  for (const c of facts.channels) assert.equal(c.amount, usd.format(feed.by_channel[c.id] / 100));
  // 40,118,300 / 73,412,550 = 0.54648… -> 546 permille -> 54.6%
  assert.equal(facts.channels[0].percent, '54.6%');
  assert.equal(facts.goal, '$2,500,000.00');
  assert.deepEqual(facts.milestones.map((m) => m.reached), [true, false, false]); // $734K: past $500K only
  assert.equal(facts.asOf, 'Nov 27, 2026'); // 08:00 in Honolulu
});

test('kifu render share --png writes a 1200×630 PNG; --png refuses output that is not a drawing', () => {
  const png = run('render', 'share', ...docs(library), '--lang', 'en', '--png');
  assert.equal(png.status, 0, String(png.stderr));
  assert.equal(png.stdout.subarray(1, 4).toString(), 'PNG');
  assert.equal(png.stdout.readUInt32BE(16), 1200);
  assert.equal(png.stdout.readUInt32BE(20), 630);
  const svg = run('render', 'share', ...docs(library), '--lang', 'en');
  assert.match(svg.stdout, /^<svg [^>]*width="1200" height="630"/);
  assert.match(svg.stdout, />\$734,125\.50<\/text>/);
  const json = run('render', 'progress', ...docs(library), '--json', '--png');
  assert.equal(json.status, 2);
  assert.match(String(json.stderr), /--png converts an SVG drawing/);
});

async function webWith(extra) {
  const web = path.join(scratch, `web-${Math.random().toString(36).slice(2)}`);
  await fs.cp(path.join(repoRoot, 'web'), web, { recursive: true });
  if (extra) await extra(web);
  const out = path.join(scratch, `out-${path.basename(web)}`);
  await fs.cp(web, out, { recursive: true });
  return { web, out };
}

test('adding a campaign is adding a folder: it gets its pages and a card on both home pages', async () => {
  const { web, out } = await webWith(async (w) => {
    const dir = path.join(w, 'campaigns', 'river-park');
    await fs.cp(library, dir, { recursive: true });
    const definition = JSON.parse(await fs.readFile(path.join(dir, 'campaign.json'), 'utf8'));
    Object.assign(definition, { id: 'river-park', title: { en: 'River Park Trees', ja: '川辺公園の木' } });
    await fs.writeFile(path.join(dir, 'campaign.json'), JSON.stringify(definition));
    for (const file of ['feed.json', 'history.json']) {
      const doc = JSON.parse(await fs.readFile(path.join(dir, file), 'utf8'));
      await fs.writeFile(path.join(dir, file), JSON.stringify({ ...doc, campaign_id: 'river-park' }));
    }
  });
  const result = await generateSite({ web, out, kifu, url: 'https://example.org/give/' });
  assert.deepEqual(result.campaigns, ['animal-center', 'city-library', 'river-park']);
  const en = await fs.readFile(path.join(out, 'en', 'campaigns', 'river-park', 'index.html'), 'utf8');
  assert.match(en, /<h1>River Park Trees<\/h1>/);
  assert.match(en, /<link rel="canonical" href="https:\/\/example.org\/give\/en\/campaigns\/river-park\/">/);
  assert.match(en, /<meta property="og:image" content="https:\/\/example.org\/give\/campaigns\/river-park\/share.en.png">/);
  assert.ok(existsSync(path.join(out, 'campaigns', 'river-park', 'share.ja.png')));
  const home = await fs.readFile(path.join(out, 'index.html'), 'utf8');
  assert.match(home, /川辺公園の木/);
});

test('a campaign with a bad field stops the build with the field and the reason', async () => {
  const { web, out } = await webWith(async (w) => {
    const file = path.join(w, 'campaigns', 'city-library', 'campaign.json');
    const definition = JSON.parse(await fs.readFile(file, 'utf8'));
    await fs.writeFile(file, JSON.stringify({ ...definition, goal: -5 }));
  });
  await assert.rejects(generateSite({ web, out, kifu }), /city-library.*campaign\.json[\s\S]*\/goal: /);
});

test('titles and texts from definitions are escaped in the pages', async () => {
  const { web, out } = await webWith(async (w) => {
    const file = path.join(w, 'campaigns', 'city-library', 'campaign.json');
    const definition = JSON.parse(await fs.readFile(file, 'utf8'));
    definition.title.en = '<img src=x onerror=alert(1)> & "Library"';
    await fs.writeFile(file, JSON.stringify(definition));
  });
  await generateSite({ web, out, kifu });
  const html = await fs.readFile(path.join(out, 'en', 'campaigns', 'city-library', 'index.html'), 'utf8');
  assert.ok(!html.includes('<img src=x'), 'no markup from the definition');
  assert.match(html, /<h1>&lt;img src=x onerror=alert\(1\)&gt; &amp; &quot;Library&quot;<\/h1>/);
  // The snapshot data block cannot be closed early by the title.
  assert.ok(!/<script type="application\/json"[^>]*>[^<]*<img/.test(html));
});

// ---- What the pages carry for a fast first paint and no layout shift ----

test('minifyCss drops comments and the space around braces, semicolons, commas and after colons, and keeps the rest', () => {
  // Written by hand: what a browser reads the same, shorter.
  const css = '/* why */\n.a :focus, .b > c {\n  margin: 0 auto;\n  width: calc(100% - 2rem);\n}\n@media (max-width: 30rem) {\n  .d { font-family: "Noto Sans JP", sans-serif; }\n}\n';
  assert.equal(minifyCss(css), '.a :focus,.b > c{margin:0 auto;width:calc(100% - 2rem)}@media (max-width:30rem){.d{font-family:"Noto Sans JP",sans-serif}}');
});

let generated;
const generatedSite = () => {
  generated ??= webWith().then(async ({ web, out }) => {
    await generateSite({ web, out, kifu });
    return out;
  });
  return generated;
};
const page = async (...parts) => fs.readFile(path.join(await generatedSite(), ...parts, 'index.html'), 'utf8');

test('site pages load their widgets through site/widgets.js (only the widgets on the page), not define.js (all of them)', async () => {
  for (const html of [await page(), await page('campaigns', 'animal-center'), await page('en', 'campaigns', 'city-library')]) {
    const scripts = [...html.matchAll(/<script type="module" src="([^"]*)"/g)].map((m) => m[1].replace(/^(\.\.\/)+/, ''));
    assert.ok(scripts.includes('site/widgets.js'), scripts.join(' '));
    assert.deepEqual(scripts.filter((s) => s.startsWith('kifu/')), [], 'no widget script of kifu/ directly');
  }
});

test('the first prerendered total is in the first 14,600 bytes of each page (the first round trip of a new connection)', async () => {
  // 10 segments of 1,460 bytes: TCP's initial congestion window (RFC 6928).
  // Totals from Intl, as in site-pages.mjs.
  const animal = JSON.parse(await fs.readFile(path.join(repoRoot, 'web', 'campaigns', 'animal-center', 'feed.json'), 'utf8'));
  const city = JSON.parse(await fs.readFile(path.join(library, 'feed.json'), 'utf8'));
  const yen = `${new Intl.NumberFormat('ja-JP').format(animal.raised)}円`;
  const usd = `$${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2 }).format(city.raised / 100)}`;
  for (const [parts, total] of [[[], yen], [['campaigns', 'animal-center'], yen], [['en', 'campaigns', 'city-library'], usd]]) {
    const bytes = Buffer.from(await page(...parts));
    const at = bytes.indexOf(Buffer.from(`part="amount">${total}<`));
    assert.ok(at > 0, `/${parts.join('/')}: the prerendered total ${total}`);
    assert.ok(at < 14_600, `/${parts.join('/')}: the total is ${at} bytes in`);
  }
});

test('the saved view (the JSON data block) comes after the widgets that read it, not before the total', async () => {
  const html = await page('campaigns', 'animal-center');
  const data = html.indexOf('<script type="application/json" id="kifu-snapshot-animal-center-ja">');
  assert.ok(data > html.indexOf('</kifu-counter>'), 'after the progress and counter widgets');
  assert.match(html, /<kifu-progress [^>]*snapshot="#kifu-snapshot-animal-center-ja"/);
});

test('the estimator says how many fields it will show (one per points program, plus the amount), for the CSS that keeps its box', async () => {
  for (const id of ['animal-center', 'city-library']) {
    const definition = JSON.parse(await fs.readFile(path.join(repoRoot, 'web', 'campaigns', id, 'campaign.json'), 'utf8'));
    const html = await page('campaigns', id);
    const fields = definition.point_programs.length + 1;
    assert.match(html, new RegExp(`<kifu-estimator [^>]*style="--estimator-fields: ${fields}"`), id);
  }
  // (The box that number keeps is checked in Chromium for campaigns of 0 to
  // 8 programs: tests/browser/site-estimator-box.test.mjs.)
});
