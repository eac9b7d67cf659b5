// The custom-elements manifest and the editor's guide describe exactly the
// widgets the registry (web/kifu/widgets.js) defines: a widget added to the
// registry without its documentation fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { repoRoot } from '../../build-scripts/lib/test-support.mjs';

const read = (...p) => readFileSync(path.join(repoRoot, 'web', ...p), 'utf8');
const registry = [...read('kifu', 'widgets.js').matchAll(/^export \* as (\w+) from '\.\/kifu-\1\.js';$/gm)].map((m) => `kifu-${m[1]}`);
const manifest = JSON.parse(read('kifu', 'custom-elements.json'));
const elements = manifest.modules.flatMap((m) => m.declarations).filter((d) => d.customElement);

test('the registry lists the progress widget and the counter', () => {
  assert.ok(registry.includes('kifu-progress') && registry.includes('kifu-counter'), registry.join());
});

test('the registry lists the forecast', () => {
  assert.ok(registry.includes('kifu-forecast'), registry.join());
});

test('the registry lists the points estimator', () => {
  assert.ok(registry.includes('kifu-estimator'), registry.join());
});

test('define.js defines every widget from the registry, with no widget of its own', () => {
  const define = read('kifu', 'define.js');
  assert.doesNotMatch(define, /customElements\.define\('kifu-/);
  assert.doesNotMatch(define, /from '\.\/kifu-(?!progress\.js)/);
});

test('the manifest declares one element per registered widget, and no other', () => {
  assert.deepEqual(elements.map((d) => d.tagName).sort(), [...registry].sort());
});

test('the manifest defines each registered tag in define.js', () => {
  const defined = manifest.modules.find((m) => m.path === 'define.js').exports.map((e) => e.name);
  assert.deepEqual(defined.sort(), [...registry].sort());
});

test('every attribute is mirrored by a property of the name the manifest gives', () => {
  for (const d of elements) {
    const fields = new Set(d.members.map((m) => m.name));
    for (const a of d.attributes) assert.ok(fields.has(a.fieldName), `${d.tagName} ${a.name} -> ${a.fieldName}`);
  }
});

for (const [lang, file] of [['ja', ['guide', 'index.html']], ['en', ['en', 'guide', 'index.html']]]) {
  test(`the ${lang} guide names every attribute, part, custom property and event`, () => {
    const guide = read(...file);
    for (const d of elements) {
      for (const a of d.attributes) assert.match(guide, new RegExp(`<code>${a.name}</code>`), `${d.tagName} attribute ${a.name}`);
      for (const e of d.events) assert.ok(guide.includes(`<code>${e.name}</code>`), `event ${e.name}`);
      for (const p of d.cssParts) assert.ok(guide.includes(p.name), `part ${p.name}`);
      for (const c of d.cssProperties) {
        const documented = guide.includes(c.name) || (c.name.endsWith('-dark') && guide.includes('--kifu-*-dark'));
        assert.ok(documented, `custom property ${c.name}`);
      }
    }
    assert.match(guide, /Access-Control-Allow-Origin/);
    assert.match(guide, /\/kifu\/v1\//);
    assert.match(guide, /\/kifu\/latest\//);
  });
}
