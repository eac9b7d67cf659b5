// Makes kifu-base.js (web/kifu/kifu-base.js says why) one file in a built
// copy of the widgets: esbuild bundles the modules it lists, and each of
// those modules' own files becomes a re-export from the bundle, so a page
// that imports one by its URL (the widgets' other modules, the site, an
// editor's own script) gets the same single instance embed.js uses.
// Modules the list does not name stay files of their own (the estimator,
// the forecast and their glue).
//
//   node build-scripts/lib/bundle-modules.mjs build/site.next/kifu/kifu-base.js
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import * as esbuild from 'esbuild';

/** The first line of the bundle (see bundleBase). */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

const LINE = /^export \* as (\w+) from '\.\/([\w.-]+\.m?js)';$/;

/** The modules a base file lists: [{ name, file }], in order. */
export function listedModules(text, where) {
  const modules = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('//') || line.trim() === '') continue;
    const m = LINE.exec(line);
    if (!m) throw new Error(`${where}: expected only lines like "export * as name from './file.js';", got: ${line}`);
    modules.push({ name: m[1], file: m[2] });
  }
  if (modules.length === 0) throw new Error(`${where}: lists no modules`);
  return modules;
}

async function exportNames(file) {
  const result = await esbuild.build({
    entryPoints: [file], bundle: false, format: 'esm', write: false, metafile: true, outdir: path.dirname(file), logLevel: 'silent',
  });
  return Object.values(result.metafile.outputs)[0].exports;
}

/** The re-export that takes a bundled module's place. */
function stubText(base, name, file, exports) {
  const named = exports.filter((e) => e !== 'default');
  const lines = [
    `// ${file}: its code is in ${base}, one file for the modules every page loads; this URL re-exports it.`,
    `import { ${name} as m } from './${base}';`,
  ];
  if (named.length > 0) lines.push(`export const { ${named.join(', ')} } = m;`);
  if (exports.includes('default')) lines.push('export default m.default;');
  return `${lines.join('\n')}\n`;
}

// An unlisted module the bundle imports statically runs before the bundle
// does; if it imports a listed module back, it gets that module's re-export,
// which reads the bundle before it has run and finds nothing (a TypeError
// on the host page, not at build time). Refused here instead.
async function refuseCycle(file, members, dir, base) {
  const reach = await esbuild.build({
    entryPoints: [file], bundle: true, format: 'esm', write: false, metafile: true, logLevel: 'silent', absWorkingDir: dir,
    plugins: [{
      name: 'static-imports-only',
      setup(build) {
        build.onResolve({ filter: /.*/ }, (args) => {
          if (args.kind === 'entry-point') return undefined;
          return args.kind === 'dynamic-import' || !args.path.startsWith('.') ? { path: args.path, external: true } : undefined;
        });
      },
    }],
  });
  const back = Object.keys(reach.metafile.inputs).map((p) => path.resolve(dir, p)).filter((p) => members.has(p));
  if (back.length > 0) {
    const names = back.map((p) => path.relative(dir, p)).join(', ');
    throw new Error(`${file}: the bundled modules import it and it imports ${names} back, which it would find undefined; list it in ${base} too, or load it with import()`);
  }
}

export async function bundleBase(baseFile) {
  baseFile = path.resolve(baseFile);
  const dir = path.dirname(baseFile);
  const modules = listedModules(await fs.readFile(baseFile, 'utf8'), baseFile);
  const members = new Set(modules.map(({ file }) => path.join(dir, file)));
  const stubs = [];
  for (const { name, file } of modules) {
    const full = path.join(dir, file);
    const source = await fs.readFile(full, 'utf8');
    // A stub copies each export once: a binding the module reassigns later
    // would go stale in it.
    if (/^export (let|var) /m.test(source)) throw new Error(`${full}: exports a let or var, which a re-export cannot follow`);
    stubs.push([full, stubText(path.basename(baseFile), name, file, await exportNames(full))]);
  }
  const outside = new Set(); // unlisted modules the bundle imports statically
  const result = await esbuild.build({
    entryPoints: [baseFile],
    bundle: true,
    format: 'esm',
    write: false,
    outfile: baseFile,
    // Module paths in the output (esbuild names each lazily run module by
    // it) relative to the folder, not to wherever the build ran.
    absWorkingDir: dir,
    // A module that widgets.js imports on demand runs on demand in the
    // bundle too, where esbuild turns its classes into expressions: keep
    // their names (an element's constructor.name is what a developer sees).
    keepNames: true,
    // Every page that loads the bundle runs most of it at once: this magic
    // comment (Chrome 136+, "explicit compile hints"; other browsers read a
    // comment) has V8 compile all of its functions on the thread that
    // streams the file, instead of each on the main thread at its first
    // call. Without it, a trace of the one-widget page showed 173 lazy
    // compilations on the main thread (25 ms under tracing); a scratch
    // paired A/B of 21 loads, same run: live number 31 ms sooner with one
    // widget, 40 ms sooner with ten (bench-embed.mjs prints the live ratio
    // to the baseline). It must open the file (the build's terser keeps it).
    banner: { js: COMPILE_HINT },
    logLevel: 'warning',
    plugins: [{
      name: 'only-the-listed-modules',
      setup(build) {
        // Anything the list does not name is loaded from its own file, by the
        // same relative URL (the bundle sits where the modules did).
        build.onResolve({ filter: /.*/ }, (args) => {
          if (args.kind === 'entry-point') return undefined;
          const local = args.path.startsWith('.') ? path.resolve(args.resolveDir, args.path) : null;
          if (local && members.has(local)) return undefined;
          if (local && args.kind === 'import-statement') outside.add(local);
          return { path: args.path, external: true };
        });
      },
    }],
  });
  for (const file of outside) await refuseCycle(file, members, dir, path.basename(baseFile));
  await fs.writeFile(baseFile, result.outputFiles[0].contents);
  for (const [file, text] of stubs) await fs.writeFile(file, text);
  return modules;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [baseFile] = process.argv.slice(2);
  if (!baseFile) {
    console.error('usage: bundle-modules.mjs <dir>/kifu-base.js');
    process.exit(2);
  }
  let modules;
  try {
    modules = await bundleBase(baseFile);
  } catch (error) {
    console.error(`bundle-modules: ${error.message}`);
    process.exit(1);
  }
  console.log(`bundle-modules: ${modules.length} modules in ${path.basename(baseFile)}`);
}
