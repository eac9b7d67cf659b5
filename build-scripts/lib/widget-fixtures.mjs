// Test fixtures for the widget: small campaigns written into a copy of the
// site, each with its own feed and a page that shows it under the site's CSP.
import { promises as fs } from 'node:fs';
import path from 'node:path';

import { writeAtomically } from './demo-stream.mjs';

export function campaignDefinition(id, { title = `Test ${id}`, pollSeconds = 5, goal = 1_000_000, sample = false } = {}) {
  return {
    schema_version: 1,
    id,
    title: { ja: title, en: title },
    summary: { ja: 'テスト用のキャンペーンです。', en: 'A campaign for tests.' },
    currency: 'JPY',
    goal,
    start: '2026-04-01',
    end: '2027-03-31',
    time_zone: 'Asia/Tokyo',
    milestones: [{ amount: goal / 2, label: { ja: '半分', en: 'Half' } }],
    feed: { url: 'feed.json', poll_seconds: pollSeconds },
    sample_data: sample,
  };
}

export function feedDocument(id, raised, { asOf = new Date().toISOString().replace(/\.\d+Z$/, 'Z') } = {}) {
  return {
    schema_version: 1,
    campaign_id: id,
    currency: 'JPY',
    raised,
    donors: 10,
    donations: 12,
    by_channel: { points: raised, card: 0, transfer: 0, offline: 0 },
    as_of: asOf,
  };
}

/**
 * Writes campaigns/<id>/{campaign,feed}.json and <id>.html into the site copy.
 * Returns helpers to change the feed and the page's path.
 */
export async function addCampaign(siteDir, id, { raised = 250_000, asOf, widgets = ['bar'], lang = 'ja', ...options } = {}) {
  const dir = path.join(siteDir, 'campaigns', id);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'campaign.json'), JSON.stringify(campaignDefinition(id, options)));
  const feedFile = path.join(dir, 'feed.json');
  await fs.writeFile(feedFile, JSON.stringify(feedDocument(id, raised, asOf ? { asOf } : {})));
  const elements = widgets
    .map((variant) => `<kifu-progress campaign="campaigns/${id}/campaign.json" lang="${lang}" variant="${variant}"></kifu-progress>`)
    .join('\n');
  await fs.writeFile(
    path.join(siteDir, `${id}.html`),
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><link rel="icon" href="data:,">` +
      `<script type="module" src="kifu/define.js"></script></head><body>\n${elements}\n</body></html>\n`,
  );
  return {
    page: `${id}.html`,
    feedFile,
    setFeed: (value) => writeAtomically(feedFile, typeof value === 'string' ? value : JSON.stringify(value)),
    setRaised: (amount) => writeAtomically(feedFile, JSON.stringify(feedDocument(id, amount))),
    removeFeed: () => fs.rm(feedFile, { force: true }),
  };
}

/** What a widget shows, read through its shadow root (runs in the page). */
export function readWidget(element) {
  const root = element.shadowRoot;
  const part = (name) => root.querySelector(`[part~="${name}"]`);
  const bar = root.querySelector('[role="progressbar"]');
  const stale = part('stale');
  return {
    title: part('title').textContent,
    amount: part('amount').textContent,
    loading: root.querySelector('.loading') !== null,
    stale: stale.hidden ? '' : stale.textContent,
    valuemin: bar.getAttribute('aria-valuemin'),
    valuemax: bar.getAttribute('aria-valuemax'),
    valuenow: bar.getAttribute('aria-valuenow'),
    valuetext: bar.getAttribute('aria-valuetext'),
    live: root.querySelector('[aria-live]').textContent,
  };
}
