// Generates the public site's pages from the campaign definitions: the home
// page, one page per campaign and the "how it works" page, in Japanese (at /)
// and English (at /en/). Run by `build-scripts/build site`:
//
//   node build-scripts/lib/site-generator.mjs --web web --out build/site.next \
//        --kifu build/native/src/cli/kifu [--url https://kifu.example/]
//
// Why a Node script and not a kifu subcommand: the pages are text assembly
// (HTML, escaping, relative links), which the native tool has no use for;
// every number, sentence about money and graphic still comes from the core,
// through `kifu render progress|facts|estimate|share`, so no JavaScript
// formats an amount here. Adding a campaign is adding a folder with
// campaign.json and feed.json under web/campaigns/ (web/site.json only
// orders them and names the featured one).
//
// The widgets are prerendered in a declarative shadow root holding the same
// parts and CSS the element builds, filled with the core's view as of the
// feed's as_of: without JavaScript the total shows; with it, the element
// takes the same root over, paints the same view from the page's inline
// snapshot (a JSON data block, not a script) and then the live total — at
// the same size, so nothing below moves.
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { TEXT } from './site-text.mjs';
import { minifyCss } from './minify-css.mjs';

const LANGS = ['ja', 'en'];

/** Escapes text for HTML content and attribute values. */
export function h(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// A JSON data block may hold any text but "</script": < is written as \u003c.
const jsonBlock = (value) => JSON.stringify(value).replace(/</g, '\\u003c');

function parseArgs(argv) {
  const options = { web: 'web', out: 'build/site', kifu: 'build/native/src/cli/kifu', url: process.env.KIFU_SITE_URL ?? null };
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i].replace(/^--/, '');
    if (!(name in options)) throw new Error(`site-generator: unknown option ${argv[i]}`);
    options[name] = argv[++i];
  }
  return options;
}

function kifu(cli, args) {
  try {
    return execFileSync(cli, args, { encoding: args.includes('--png') ? 'buffer' : 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 << 20 });
  } catch (error) {
    // kifu validate reports on standard output, the render commands on standard error.
    const said = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim() || error.message;
    throw new Error(`site-generator: kifu ${args.join(' ')} failed:\n${said}`);
  }
}

// An element's own CSS, from the files that ship it, so the prerendered
// card is drawn by the very rules the element adopts.
async function widgetCss(web, file) {
  const { BASE_STYLE } = await import(pathToFileURL(path.resolve(web, 'kifu', 'widget-style.js')).href);
  const source = await fs.readFile(path.join(web, 'kifu', file), 'utf8');
  const match = /const STYLE = `([^`$]*)`;/.exec(source);
  if (!match) throw new Error(`site-generator: the STYLE of web/kifu/${file} was not found`);
  return minifyCss(`${BASE_STYLE}\n${match[1]}`);
}

// The site's own CSS (web/styles/site.css, then pages.css), written into each
// generated page's <head>: two render-blocking stylesheet requests before the
// first paint cost more than their 6 KB inline (the CSP restricts scripts,
// not styles). The files stay for the hand-written pages that link them.
async function pageCss(web) {
  const files = ['site.css', 'pages.css'];
  const text = (await Promise.all(files.map((f) => fs.readFile(path.join(web, 'styles', f), 'utf8')))).join('\n');
  if (/url\(|@import/.test(text)) throw new Error('site-generator: web/styles/*.css now refers to other files: inlining them would break relative URLs');
  return minifyCss(text).replace(/<\//g, '<\\/');
}

/** Everything the pages show of one campaign, in both languages. */
async function loadCampaign(cli, dir) {
  const campaignFile = path.join(dir, 'campaign.json');
  const definition = JSON.parse(await fs.readFile(campaignFile, 'utf8'));
  const feedFile = path.resolve(dir, definition.feed?.url ?? 'feed.json');
  kifu(cli, ['validate', campaignFile]);
  kifu(cli, ['validate', feedFile, '--as', 'feed', '--campaign', campaignFile]);
  const feed = JSON.parse(await fs.readFile(feedFile, 'utf8'));
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'kifu-site-'));
  const inputs = path.join(scratch, 'inputs.json');
  const byLang = {};
  try {
    await fs.writeFile(inputs, '[{"balances":{},"target":""}]');
    for (const lang of LANGS) {
      // "now" is the feed's own time: days left and "updated" read as of the
      // total they stand beside.
      const common = ['--campaign', campaignFile, '--feed', feedFile, '--lang', lang];
      const view = JSON.parse(kifu(cli, ['render', 'progress', ...common, '--now', feed.as_of, '--json']));
      const facts = JSON.parse(kifu(cli, ['render', 'facts', ...common]));
      const [estimate] = JSON.parse(kifu(cli, ['render', 'estimate', ...common, '--now', feed.as_of, '--inputs', inputs]));
      const share = kifu(cli, ['render', 'share', ...common, '--now', feed.as_of, '--png']);
      byLang[lang] = { view, facts, programs: estimate.programs, share };
    }
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
  return { id: definition.id, definition, feed, byLang };
}

// ---- Pages ----

const pagePath = (lang, rest) => (lang === 'ja' ? rest : `en/${rest}`);
const rootOf = (p) => '../'.repeat(p.split('/').filter(Boolean).length);

function layout({ site, lang, page, title, description, image, imageAlt, body, scripts = [] }) {
  const t = TEXT[lang];
  const other = t.otherLang;
  const root = rootOf(page.path);
  const abs = (p) => new URL(p, site.url).href;
  const paths = { ja: page.path.replace(/^en\//, ''), en: pagePath('en', page.path.replace(/^en\//, '')) };
  const nav = [
    ['', t.home],
    ['about/', t.about],
    ['guide/', t.guide],
    ['docs/', t.docs],
  ];
  const link = (p, label) => {
    const href = `${root}${pagePath(lang, p)}`;
    const current = pagePath(lang, p) === page.path ? ' aria-current="page"' : '';
    return `<li><a href="${h(href)}"${current}>${h(label)}</a></li>`;
  };
  // rel="expect" holds the first paint until the parser reaches the footer:
  // painted half-parsed, as a parser that yields mid-page on a busy phone
  // may, the page would jump when the rest came: the header wraps by its
  // whole content (at 360 px the nav goes under the brand) and the channel
  // table sizes its columns by every row. A page is ~26 KB.
  return `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${h(title)}</title>
  <meta name="description" content="${h(description)}">
  <meta name="color-scheme" content="light dark">
  <link rel="canonical" href="${h(abs(page.path))}">
  <link rel="alternate" hreflang="ja" href="${h(abs(paths.ja))}">
  <link rel="alternate" hreflang="en" href="${h(abs(paths.en))}">
  <link rel="alternate" hreflang="x-default" href="${h(abs(paths.ja))}">
  <meta property="og:type" content="website">
  <meta property="og:site_name" content="Kifu">
  <meta property="og:title" content="${h(title)}">
  <meta property="og:description" content="${h(description)}">
  <meta property="og:url" content="${h(abs(page.path))}">
  <meta property="og:locale" content="${t.locale}">
  <meta property="og:locale:alternate" content="${TEXT[other].locale}">
  <meta property="og:image" content="${h(abs(image))}">
  <meta property="og:image:type" content="image/png">
  <meta property="og:image:width" content="1200">
  <meta property="og:image:height" content="630">
  <meta property="og:image:alt" content="${h(imageAlt)}">
  <meta name="twitter:card" content="summary_large_image">
  <link rel="icon" href="data:,">
  <link rel="expect" href="#site-footer" blocking="render">
  <style>${site.pageCss}</style>
  <script type="module" src="${root}site/widgets.js"></script>
${scripts.map((s) => `  <script type="module" src="${root}${s}"></script>\n`).join('')}</head>
<body>
  <header class="site-header">
    <a class="brand" href="${root}${pagePath(lang, '')}">Kifu <span lang="ja">寄付</span></a>
    <nav class="site-nav" aria-label="${h(t.navLabel)}"><ul>${nav.map(([p, label]) => link(p, label)).join('')}</ul></nav>
    <a class="lang-switch" href="${h(root + paths[other])}" hreflang="${other}" lang="${other}" aria-label="${other === 'en' ? 'English: this page in English' : '日本語: このページを日本語で'}">${h(t.other)}</a>
  </header>
  <main id="main">
${site.sample ? `    <p class="sample-banner" role="note"><strong>${h(t.sampleBanner[0])}</strong> ${h(t.sampleBanner[1])}</p>\n` : ''}${body}
  </main>
  <footer class="site-footer" id="site-footer">
    <ul class="footer-links">${[['about/', t.about], ['guide/', t.guide], ['builder/', t.builder], ['docs/', t.docs]].map(([p, label]) => `<li><a href="${root}${pagePath(lang, p)}">${h(label)}</a></li>`).join('')}</ul>
${site.sample ? `    <p>${h(t.footerSample)}</p>\n` : ''}  </footer>
</body>
</html>
`;
}

// The progress element with its prerendered declarative shadow root: the
// parts kifu-progress.js builds (buildParts) in the state renderView leaves
// them for a saved view, so the element's own first paint draws the same box.
function progressElement({ campaign, lang, root, css, lines, snapshotId, heading = 'p' }) {
  const { view, facts } = campaign.byLang[lang];
  const t = TEXT[lang];
  const showDonors = lines.includes('donors');
  const showDaysLeft = lines.includes('days');
  const showMilestones = lines.includes('milestones');
  const metaText = [showDonors && view.donors, showDaysLeft && view.days].filter(Boolean).join(' · ');
  const attrs = [
    `campaign="${h(`${root}campaigns/${campaign.id}/campaign.json`)}"`,
    `lang="${lang}"`,
    ...(showDonors ? ['show-donors'] : []),
    ...(showMilestones ? ['show-milestones'] : []),
    ...(showDaysLeft ? ['show-days-left'] : []),
    `snapshot="#${snapshotId}"`,
    'class="prerendered"',
  ];
  void heading;
  return `<kifu-progress ${attrs.join(' ')}><template shadowrootmode="open"><style>${css}</style>` +
    `<div class="card" part="card">` +
    `<p class="title skeleton pulse" part="title" id="title" title="${h(view.title)}">${h(view.title)}</p>` +
    `<p class="amount skeleton pulse" part="amount">${h(view.raised)}</p>` +
    `<div class="graphic" part="bar graphic" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-labelledby="title" aria-valuenow="${h(view.ariaValuenow)}" aria-valuetext="${h(view.ariaValuetext)}">${view.svg}</div>` +
    `<p class="goal skeleton" part="meta goal">${h([view.percent, view.goalLabel, view.remaining].filter(Boolean).join(' · '))}</p>` +
    `<p class="meta skeleton" part="meta donors"${showDonors || showDaysLeft ? '' : ' hidden'}>${h(metaText)}</p>` +
    `<p class="next skeleton" part="meta next"${showMilestones ? '' : ' hidden'}>${h(view.nextMilestone)}</p>` +
    `<p class="status" part="meta status"><span class="updated" part="updated" hidden></span>` +
    `<span class="stale" part="stale">${h(t.asOf(facts.asOf))}</span>` +
    `<span class="sample" part="sample"${view.sampleNote ? '' : ' hidden'}>${h(view.sampleNote)}</span></p>` +
    `</div><div class="visually-hidden" aria-live="polite" aria-atomic="true"></div></template></kifu-progress>`;
}

// <kifu-counter variant="donors">, prerendered the same way from
// kifu-counter.js's parts (buildParts, then renderView of a saved view).
function counterElement({ campaign, lang, root, css, snapshotId }) {
  const { view, facts } = campaign.byLang[lang];
  const t = TEXT[lang];
  return `<kifu-counter campaign="${h(`${root}campaigns/${campaign.id}/campaign.json`)}" lang="${lang}" variant="donors" snapshot="#${snapshotId}" class="prerendered">` +
    `<template shadowrootmode="open"><style>${css}</style><div class="card" part="card">` +
    `<p class="title skeleton" part="title" title="${h(view.title)}">${h(view.title)}</p>` +
    `<p class="caption" part="caption" id="caption">${h(t.donorsCaption)}</p>` +
    `<p class="number skeleton pulse" part="number amount" aria-describedby="caption"><span class="value">${h(view.donorCount)}</span><span class="unit">${h(t.donorsUnit)}</span></p>` +
    `<p class="status" part="meta status"><span class="updated" part="updated" hidden></span>` +
    `<span class="stale" part="stale">${h(t.asOf(facts.asOf))}</span>` +
    `<span class="sample" part="sample"${view.sampleNote ? '' : ' hidden'}>${h(view.sampleNote)}</span></p>` +
    `</div><div class="visually-hidden" aria-live="polite" aria-atomic="true"></div></template></kifu-counter>`;
}

function snapshotBlock(campaign, lang, id) {
  const { errors, announcement, ...saved } = campaign.byLang[lang].view;
  void errors;
  void announcement;
  return `<script type="application/json" id="${id}">${jsonBlock(saved)}</script>`;
}

function homePage(site, lang) {
  const t = TEXT[lang];
  const page = { path: pagePath(lang, '') };
  const root = rootOf(page.path);
  const featured = site.campaigns.find((c) => c.id === site.featured) ?? site.campaigns[0];
  const card = (c, featuredCard) => {
    const d = c.definition;
    const snap = `kifu-snapshot-${c.id}-${lang}`;
    const href = `${root}${pagePath(lang, `campaigns/${c.id}/`)}`;
    return `<article class="campaign-card${featuredCard ? ' featured' : ''}" aria-labelledby="card-${c.id}">
      <h${featuredCard ? 2 : 3} id="card-${c.id}"><a href="${h(href)}">${h(d.title[lang])}</a></h${featuredCard ? 2 : 3}>
      ${featuredCard && d.summary ? `<p>${h(d.summary[lang])}</p>` : ''}
      ${progressElement({ campaign: c, lang, root, css: site.css, lines: featuredCard ? ['donors', 'days', 'milestones'] : ['days'], snapshotId: snap })}
      ${snapshotBlock(c, lang, snap)}
      <p class="more"><a href="${h(href)}">${h(t.open)}<span class="visually-hidden">: ${h(d.title[lang])}</span></a></p>
    </article>`;
  };
  const others = site.campaigns.filter((c) => c !== featured);
  const body = `    <h1>${h(t.homeTitle)}</h1>
    <p class="lead">${h(t.homeLead)}</p>
    <section aria-labelledby="featured"><h2 id="featured" class="section-label">${h(t.featured)}</h2>
      ${card(featured, true)}
    </section>
    <section aria-labelledby="all"><h2 id="all">${h(t.all)}</h2>
      <div class="campaign-grid">${others.map((c) => card(c, false)).join('\n')}</div>
    </section>`;
  return {
    path: page.path,
    html: layout({
      site, lang, page, body,
      title: `${t.homeTitle} — Kifu`,
      description: t.homeDescription,
      image: `campaigns/${featured.id}/share.${lang}.png`,
      imageAlt: t.shareAlt(featured.definition.title[lang]),
    }),
  };
}

function campaignPage(site, campaign, lang) {
  const t = TEXT[lang];
  const d = campaign.definition;
  const { facts, programs } = campaign.byLang[lang];
  const page = { path: pagePath(lang, `campaigns/${campaign.id}/`) };
  const root = rootOf(page.path);
  const definitionUrl = `${root}campaigns/${campaign.id}/campaign.json`;
  const snap = `kifu-snapshot-${campaign.id}-${lang}`;
  const absolute = (p) => new URL(p, site.url).href;
  const milestones = facts.milestones.map((m) => `<li class="${m.reached ? 'reached' : ''}"><span class="label">${h(m.label)}</span> <span class="num">${h(m.amount)}</span> <span class="state">${h(m.reached ? `✓ ${t.reached}` : t.notYet)}</span></li>`).join('');
  const channels = facts.channels.length
    ? `<section aria-labelledby="channels"><h2 id="channels">${h(t.channels)}</h2>
      <div class="table-wrap"><table class="channels" data-kifu-channels data-campaign="${h(definitionUrl)}" data-lang="${lang}">
        <caption>${h(t.channelsCaption(facts.asOf))}</caption>
        <thead><tr>${t.channelHead.map((c) => `<th scope="col">${h(c)}</th>`).join('')}</tr></thead>
        <tbody>${facts.channels.map((c) => `<tr data-channel="${c.id}"><th scope="row">${h(t.channelNames[c.id])}</th><td class="num amount">${h(c.amount)}</td><td class="num percent">${h(c.percent)}</td></tr>`).join('')}</tbody>
      </table></div>
    </section>`
    : '';
  const rules = programs.length
    ? `<h3>${h(t.rules)}</h3><ul class="rules">${programs.map((p) => `<li><strong>${h(p.name)}</strong> ${h(p.rule)}</li>`).join('')}</ul>`
    : '';
  const snippet = `<script type="module" src="${absolute('kifu/v1/embed.js')}"></script>\n<kifu-progress campaign="${absolute(`campaigns/${campaign.id}/campaign.json`)}" lang="${lang}" show-donors show-milestones></kifu-progress>`;
  const body = `    <h1>${h(d.title[lang])}</h1>
    ${d.summary ? `<p class="lead">${h(d.summary[lang])}</p>` : ''}
    <p class="period">${h(t.periodLine(facts.start, facts.end, facts.goal))}</p>
    <section aria-labelledby="now"><h2 id="now">${h(t.now)}</h2>
      ${progressElement({ campaign, lang, root, css: site.css, lines: ['donors', 'days', 'milestones'], snapshotId: snap })}
      ${counterElement({ campaign, lang, root, css: site.counterCss, snapshotId: snap })}
      ${snapshotBlock(campaign, lang, snap)}
    </section>
    <section aria-labelledby="milestones"><h2 id="milestones">${h(t.milestones)}</h2>
      <ol class="milestones">${milestones}</ol>
    </section>
    ${channels}
    <section aria-labelledby="estimate"><h2 id="estimate">${h(t.estimate)}</h2>
      <p>${h(t.estimateLead)}</p>
      <kifu-estimator campaign="${h(definitionUrl)}" lang="${lang}" style="--estimator-fields: ${programs.length + 1}"></kifu-estimator>
      <noscript><p class="note">${h(t.needsJs)}</p></noscript>
    </section>
    <section aria-labelledby="forecast"><h2 id="forecast">${h(t.forecast)}</h2>
      <p>${h(t.forecastLead)}</p>
      <kifu-forecast campaign="${h(definitionUrl)}" lang="${lang}" seed="1"></kifu-forecast>
      <noscript><p class="note">${h(t.needsJs)}</p></noscript>
    </section>
    <section aria-labelledby="how"><h2 id="how">${h(t.how)}</h2>
      <ol class="steps">${t.howSteps.map((s) => `<li>${h(s)}</li>`).join('')}</ol>
      ${rules}
    </section>
    ${d.tax_note ? `<section aria-labelledby="tax"><h2 id="tax">${h(t.tax)}</h2><p>${h(d.tax_note[lang])}</p></section>` : ''}
    <section aria-labelledby="embed"><h2 id="embed">${h(t.embed)}</h2>
      <p>${h(t.embedLead)}</p>
      <pre class="snippet" tabindex="0" aria-label="${h(t.embed)}"><code>${h(snippet)}</code></pre>
      <p class="note">${h(t.embedNote)} <a href="${root}${pagePath(lang, 'builder/')}">${h(t.builder)}</a> · <a href="${root}${pagePath(lang, 'guide/')}">${h(t.guide)}</a></p>
    </section>`;
  const { view } = campaign.byLang[lang];
  return {
    path: page.path,
    html: layout({
      site, lang, page, body,
      scripts: ['site/channels.js'],
      title: `${d.title[lang]} — ${view.raised} · ${view.percent} — Kifu`,
      description: `${view.ariaValuetext}. ${d.summary?.[lang] ?? ''}`.trim(),
      image: `campaigns/${campaign.id}/share.${lang}.png`,
      imageAlt: t.shareAlt(d.title[lang]),
    }),
  };
}

function aboutPage(site, lang) {
  const t = TEXT[lang];
  const page = { path: pagePath(lang, 'about/') };
  const root = rootOf(page.path);
  const featured = site.campaigns.find((c) => c.id === site.featured) ?? site.campaigns[0];
  const body = `    <h1>${h(t.aboutTitle)}</h1>
    <p class="lead">${h(t.aboutDescription)}</p>
${t.aboutBody.map(([head, text], i) => `    <section aria-labelledby="about-${i}"><h2 id="about-${i}">${h(head)}</h2><p>${h(text)}</p></section>`).join('\n')}
    <p><a href="${root}${pagePath(lang, 'guide/')}">${h(t.guide)}</a> · <a href="${root}${pagePath(lang, 'builder/')}">${h(t.builder)}</a> · <a href="${root}${pagePath(lang, 'docs/')}">${h(t.docs)}</a></p>`;
  return {
    path: page.path,
    html: layout({ site, lang, page, body, title: `${t.aboutTitle} — Kifu`, description: t.aboutDescription, image: `campaigns/${featured.id}/share.${lang}.png`, imageAlt: t.shareAlt(featured.definition.title[lang]) }),
  };
}

/** Builds every page into `out` (which already holds a copy of web/). */
export async function generateSite({ web, out, kifu: cli, url }) {
  if (!existsSync(cli)) throw new Error(`site-generator: ${cli} is missing: build native first`);
  const config = JSON.parse(await fs.readFile(path.join(web, 'site.json'), 'utf8'));
  const siteUrl = new URL(url ?? config.url).href;
  const dirs = (await fs.readdir(path.join(web, 'campaigns'), { withFileTypes: true }))
    .filter((e) => e.isDirectory() && existsSync(path.join(web, 'campaigns', e.name, 'campaign.json')))
    .map((e) => e.name);
  // site.json's order first, then any other campaign folder by name.
  const order = config.campaigns ?? [];
  dirs.sort((a, b) => ((order.indexOf(a) + 1 || 1e9) - (order.indexOf(b) + 1 || 1e9)) || a.localeCompare(b));
  const campaigns = [];
  for (const dir of dirs) campaigns.push(await loadCampaign(cli, path.join(web, 'campaigns', dir)));
  const site = {
    url: siteUrl,
    featured: config.featured,
    campaigns,
    css: await widgetCss(web, 'kifu-progress.js'),
    counterCss: await widgetCss(web, 'kifu-counter.js'),
    pageCss: await pageCss(web),
    sample: campaigns.some((c) => c.definition.sample_data),
  };
  const pages = [];
  for (const lang of LANGS) {
    pages.push(homePage(site, lang), aboutPage(site, lang));
    for (const c of campaigns) pages.push(campaignPage(site, c, lang));
  }
  for (const p of pages) {
    const file = path.join(out, p.path, 'index.html');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, p.html);
  }
  for (const c of campaigns) {
    for (const lang of LANGS) await fs.writeFile(path.join(out, 'campaigns', c.id, `share.${lang}.png`), c.byLang[lang].share);
  }
  return { pages: pages.map((p) => `/${p.path}`), campaigns: campaigns.map((c) => c.id) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const result = await generateSite(parseArgs(process.argv.slice(2)));
    console.log(`site-generator: ${result.pages.length} pages for ${result.campaigns.join(', ')}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
