// The widgets' style sheets are template literals in their modules (STYLE,
// and widget-style.js's BASE_STYLE with its LIGHT and DARK blocks), written
// with comments for us; terser leaves strings alone. This rewrites those
// literals in the built copies, in place, before terser runs: about 0.8 KB
// of a progress widget's gzip download.
//
//   node build-scripts/lib/minify-widget-css.mjs build/site.next/kifu/*.js
import { promises as fs } from 'node:fs';

import { minifyCss } from './minify-css.mjs';

// `const NAME = \`...\`` with no backtick inside: the CSS holds none, and the
// substitutions (${LIGHT}, ${DARK}, ${FONTS.…}) follow a "{" or a ",", where
// the white space minifying takes away is never part of a value (checked below).
const LITERAL = /(const (?:STYLE|LIGHT|DARK|BASE_STYLE) = `)([^`]*)(`)/g;

for (const file of process.argv.slice(2)) {
  const text = await fs.readFile(file, 'utf8');
  const out = text.replace(LITERAL, (_, open, css, close) => {
    for (const m of css.matchAll(/\$\{/g)) {
      if (!/[{,] ?$/.test(css.slice(0, m.index))) throw new Error(`${file}: a \${} in a style sheet not right after "{" or ",": minifying could join it to its neighbour`);
    }
    return open + minifyCss(css) + close;
  });
  if (out !== text) await fs.writeFile(file, out);
}
