// The build's bundling of kifu-base.js (build-scripts/lib/bundle-modules.mjs)
// on small modules in a scratch folder, imported by Node: a module reached
// through its own URL and through the bundle is one instance, modules the
// list does not name stay files of their own, and what a re-export could not
// follow is refused.
import assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { bundleBase, listedModules } from '../../build-scripts/lib/bundle-modules.mjs';
import { requireSite } from '../../build-scripts/lib/test-support.mjs';

async function scratch(files) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kifu-bundle-'));
  for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(dir, name), text);
  return dir;
}

const FILES = {
  'base.js': "// The list.\nexport * as counter from './counter.js';\nexport * as user from './user.js';\n",
  // State a page must hold once: two copies would count apart.
  'counter.js': 'let count = 0;\nexport function next() { count += 1; return count; }\nexport default function reset() { count = 0; }\n',
  'user.js': "import { next } from './counter.js';\nimport { label } from './outside.js';\nexport const twice = () => [next(), next()];\nexport const lazy = () => import('./counter.js');\nexport { label };\n",
  // Not listed: stays its own file, loaded by its own URL.
  'outside.js': 'export const label = `outside ${Math.random()}`;\n',
};

test('each listed module keeps its URL and its single instance; the others stay files', async () => {
  const dir = await scratch(FILES);
  try {
    const modules = await bundleBase(path.join(dir, 'base.js'));
    assert.deepEqual(modules.map((m) => m.file), ['counter.js', 'user.js']);
    const bundle = await fs.readFile(path.join(dir, 'base.js'), 'utf8');
    assert.match(bundle, /from "\.\/outside\.js"/, 'the unlisted module is imported, not copied in');
    assert.doesNotMatch(bundle, /Math\.random/);
    assert.match(bundle, /count \+= 1/, 'the listed modules\' code is in the bundle');
    // V8 reads its compile hint only at the top of the file.
    assert.equal(bundle.split('\n')[0], '//# allFunctionsCalledOnLoad');
    for (const file of ['counter.js', 'user.js']) {
      assert.match(await fs.readFile(path.join(dir, file), 'utf8'), /from '\.\/base\.js'/, `${file} re-exports the bundle`);
    }

    const url = (file) => pathToFileURL(path.join(dir, file)).href;
    const counter = await import(url('counter.js'));
    const user = await import(url('user.js'));
    const base = await import(url('base.js'));
    const outside = await import(url('outside.js'));
    // One count, whichever URL reached it: 1 from the stub, 2 and 3 through
    // the other module, 4 through the bundle, 5 through a dynamic import.
    assert.equal(counter.next(), 1);
    assert.deepEqual(user.twice(), [2, 3]);
    assert.equal(base.counter.next(), 4);
    assert.equal((await user.lazy()).next(), 5);
    counter.default();
    assert.equal(counter.next(), 1, 'the default export is the module\'s own');
    assert.equal(user.label, outside.label, 'the unlisted module is one instance too');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('a module exporting a let is refused: its re-export would not see it change', async () => {
  const dir = await scratch({ ...FILES, 'counter.js': 'export let count = 0;\nexport function next() { count += 1; return count; }\n' });
  try {
    await assert.rejects(bundleBase(path.join(dir, 'base.js')), /counter\.js: exports a let or var/);
    assert.equal(await fs.readFile(path.join(dir, 'base.js'), 'utf8'), FILES['base.js'], 'nothing written');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('an unlisted module that the bundle imports and that imports a listed one back is refused', async () => {
  // outside.js would run first, through counter.js's re-export of a bundle
  // not yet run: `next` would be undefined on the page.
  const dir = await scratch({ ...FILES, 'outside.js': "import { next } from './counter.js';\nexport const label = typeof next;\n" });
  try {
    await assert.rejects(bundleBase(path.join(dir, 'base.js')), /outside\.js: the bundled modules import it and it imports counter\.js back/);
    assert.equal(await fs.readFile(path.join(dir, 'base.js'), 'utf8'), FILES['base.js'], 'nothing written');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('an unlisted module loaded with import() may import a listed one', async () => {
  const dir = await scratch({
    ...FILES,
    'user.js': "import { next } from './counter.js';\nexport const later = () => import('./outside.js');\nexport const first = () => next();\n",
    'outside.js': "import { next } from './counter.js';\nexport const label = () => next();\n",
  });
  try {
    await bundleBase(path.join(dir, 'base.js'));
    const user = await import(pathToFileURL(path.join(dir, 'user.js')).href);
    assert.equal(user.first(), 1);
    assert.equal((await user.later()).label(), 2, 'the same counter, reached from outside');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('the list is read strictly: any other line is an error that quotes it', () => {
  assert.deepEqual(listedModules("// c\n\nexport * as a from './a.js';\nexport * as b from './b.mjs';\n", 'x'), [
    { name: 'a', file: 'a.js' }, { name: 'b', file: 'b.mjs' }]);
  assert.throws(() => listedModules("export * from './a.js';\n", 'x.js'), /x\.js: .*got: export \* from '\.\/a\.js';/);
  assert.throws(() => listedModules("export * as a from '../a.js';\n", 'x.js'), /got: export \* as a from '\.\.\/a\.js';/);
  assert.throws(() => listedModules('// only a comment\n', 'x.js'), /x\.js: lists no modules/);
});

test('the built site\'s bundle still opens with the compile hint after minifying', () => {
  // The build's terser drops comments; it must keep this one, where V8 reads it.
  for (const dir of ['kifu', 'kifu/v1', 'kifu/latest']) {
    const text = readFileSync(path.join(requireSite(), dir, 'kifu-base.js'), 'utf8');
    assert.equal(text.split('\n')[0], '//# allFunctionsCalledOnLoad', `${dir}/kifu-base.js`);
  }
});
