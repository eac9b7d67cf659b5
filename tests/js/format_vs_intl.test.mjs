// The core's amounts against the browser's own Intl, through the real wasm
// module and its JavaScript layer, for a few hundred seeded values: powers of
// ten and their neighbours, x.x5 × 10^k rounding boundaries, and random
// amounts up to the 64-bit limit. Intl gets each amount as an exact decimal
// string (Node 20 formats strings without going through a double).
//
// Kifu's documented differences from Intl are normalised, not ignored:
// - ja currency: Intl writes "￥1,234" and "$1,234.50"; Kifu writes "1,234円"
//   and "1,234.50ドル". The number parts must match.
// - compact: Intl's currency style pads "$1.0K"; Kifu writes the plain compact
//   number ({notation: 'compact', maximumFractionDigits: 1, useGrouping:
//   'always'}) with its currency around it: "$1K", "1.8億円".
// - compact below the first unit (ja < 10,000, en < 1,000 major units): Kifu
//   writes the full amount ("$999.95") where Intl would round ("1K").
//
// Needs the site build (build-scripts/build), which puts core.js next to
// kifu-core.mjs/.wasm; KIFU_SITE_DIR points elsewhere.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const siteDir = process.env.KIFU_SITE_DIR
  ? resolve(process.env.KIFU_SITE_DIR)
  : fileURLToPath(new URL('../../build/site/kifu/', import.meta.url));
const wasmPath = join(siteDir, 'kifu-core.wasm');
if (!existsSync(wasmPath) || !existsSync(join(siteDir, 'core.js'))) {
  throw new Error(`${siteDir} has no core.js and kifu-core.wasm: run build-scripts/build first`);
}
const { loadCore } = await import(pathToFileURL(join(siteDir, 'core.js')).href);
const core = await loadCore({ wasmBinary: readFileSync(wasmPath) });

const INT64_MAX = 2n ** 63n - 1n;
const CURRENCIES = {
  JPY: { digits: 0, en: '¥', ja: '円', intlJa: '￥' },
  USD: { digits: 2, en: '$', ja: 'ドル', intlJa: '$' },
};
const LOCALES = { ja: 'ja-JP', en: 'en-US' };
const FIRST_UNIT = { ja: 10n ** 4n, en: 10n ** 3n };

// A tiny 64-bit LCG (Knuth's MMIX constants) so the list is the same on every run.
function lcg(seed) {
  let x = BigInt(seed);
  return () => {
    x = (x * 6364136223846793005n + 1442695040888963407n) & (2n ** 64n - 1n);
    return x;
  };
}

function amounts(digits) {
  const minorPerMajor = 10n ** BigInt(digits);
  const out = new Set();
  const add = (v) => {
    if (v >= 0n && v <= INT64_MAX) out.add(v);
  };
  for (let k = 0n; k <= 18n; k += 1n) {
    const p = 10n ** k;
    add(p - 1n);
    add(p);
    add(p + 1n);
  }
  // The amount whose mantissa in a unit is exactly t.t5: rounding goes up at
  // it and down one minor unit below it; t = 9, 99, 999, 9999 roll over.
  for (const e of [3n, 4n, 6n, 8n, 9n, 12n, 16n]) {
    for (const t of [0n, 4n, 9n, 14n, 99n, 123n, 999n, 9994n, 9999n, 99999n]) {
      const boundary = ((2n * t + 1n) * 10n ** e * minorPerMajor) / 20n;
      add(boundary - 1n);
      add(boundary);
      add(boundary + 1n);
    }
  }
  const next = lcg(20261127);
  for (let i = 0; i < 150; i += 1) {
    const length = 1n + (next() % 19n);
    add(next() % 10n ** length);
  }
  add(INT64_MAX);
  const positive = [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // Every fourth amount negated as well, for the sign's placement.
  return [...positive, ...positive.filter((_, i) => i % 4 === 0 && positive[i] !== 0n).map((v) => -v)];
}

// Minor units as the exact decimal of major units, e.g. -12345n, 2 -> "-123.45".
function majorDecimal(minor, digits) {
  const sign = minor < 0n ? '-' : '';
  const abs = (minor < 0n ? -minor : minor).toString().padStart(digits + 1, '0');
  return digits === 0 ? sign + abs : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

function expectedFull(minor, code, lang) {
  const c = CURRENCIES[code];
  const intl = new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: code });
  const text = intl.format(majorDecimal(minor, c.digits));
  if (lang === 'en') return text;
  // "-￥1,000" -> "-1,000円"
  return text.replace(c.intlJa, '') + c.ja;
}

function expectedCompact(minor, code, lang) {
  const c = CURRENCIES[code];
  const abs = minor < 0n ? -minor : minor;
  if (abs < FIRST_UNIT[lang] * 10n ** BigInt(c.digits)) return expectedFull(minor, code, lang);
  const intl = new Intl.NumberFormat(LOCALES[lang], {
    notation: 'compact',
    maximumFractionDigits: 1,
    useGrouping: 'always',
  });
  const number = intl.format(majorDecimal(minor, c.digits));
  if (lang === 'ja') return number + c.ja;
  return number.startsWith('-') ? `-${c.en}${number.slice(1)}` : c.en + number;
}

for (const code of Object.keys(CURRENCIES)) {
  const values = amounts(CURRENCIES[code].digits);
  for (const lang of Object.keys(LOCALES)) {
    for (const compact of [false, true]) {
      const name = `${compact ? 'compact' : 'full'} ${code} for ${lang} matches Intl ${LOCALES[lang]} on ${values.length} amounts`;
      test(name, () => {
        const expect = compact ? expectedCompact : expectedFull;
        const mismatches = [];
        for (const minor of values) {
          const got = core.formatAmount(minor.toString(), code, lang, { compact });
          assert.equal(got.ok, true, `${minor}: ${got.error}`);
          const want = expect(minor, code, lang);
          if (got.text !== want) mismatches.push(`${minor}: Kifu ${got.text}, Intl ${want}`);
        }
        assert.deepEqual(mismatches, []);
      });
    }
  }
}

test('the largest amount crosses from JavaScript exactly', () => {
  const got = core.formatAmount(INT64_MAX.toString(), 'JPY', 'en', { compact: false });
  assert.deepEqual(got, { ok: true, text: '¥9,223,372,036,854,775,807', error: '' });
});

test('an amount past 64 bits comes back as an error naming the amount', () => {
  const got = core.formatAmount('99999999999999999999', 'JPY', 'ja', { compact: true });
  assert.equal(got.ok, false);
  assert.equal(
    got.error,
    'amount: 99999999999999999999 is beyond the largest amount Kifu holds (9,223,372,036,854,775,807)',
  );
});
