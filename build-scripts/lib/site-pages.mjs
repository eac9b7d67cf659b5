// The generated site's pages and what each should show, for the site's
// browser tests and benchmark. Expected totals are written by Intl from the
// sample feeds (an independent formatter), not by the core.
import { promises as fs } from 'node:fs';
import path from 'node:path';

import { repoRoot } from './test-support.mjs';

export async function sitePages() {
  const feed = async (id) => JSON.parse(await fs.readFile(path.join(repoRoot, 'web', 'campaigns', id, 'feed.json'), 'utf8'));
  const animal = await feed('animal-center');
  const library = await feed('city-library');
  const yen = new Intl.NumberFormat('ja-JP').format(animal.raised); // 182,600,000
  const usd = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2 }).format(library.raised / 100); // 734,125.50
  const totals = {
    'animal-center': { ja: `${yen}円`, en: `¥${yen}` },
    // Japanese writes dollars with the ドル suffix, as it writes 円.
    'city-library': { ja: `${usd}ドル`, en: `$${usd}` },
  };
  const pages = [];
  for (const lang of ['ja', 'en']) {
    const prefix = lang === 'ja' ? '/' : '/en/';
    pages.push({ name: `home-${lang}`, lang, path: prefix, totals: [totals['animal-center'][lang], totals['city-library'][lang]] });
    for (const id of ['animal-center', 'city-library']) {
      pages.push({ name: `${id}-${lang}`, lang, path: `${prefix}campaigns/${id}/`, totals: [totals[id][lang]], campaign: id });
    }
    pages.push({ name: `about-${lang}`, lang, path: `${prefix}about/`, totals: [] });
  }
  return pages;
}

/** The path of the same content in the other language. */
export const counterpart = (p) => (p.startsWith('/en/') ? p.slice(3) : `/en${p}`);
