// Keeps a campaign page's channel table (points / card / transfer / offline)
// live: the same feed the widgets poll (one poller per feed URL per page),
// checked by the core, amounts formatted by the core. Until the first poll,
// the table shows what the site generator wrote.
import { loadCore } from '../kifu/core.js';
import { subscribeFeed } from '../kifu/feed-poller.js';

// The feed's integers as their decimal source text (JSON.parse's third
// reviver argument): amounts never pass through a JavaScript number.
const exact = (text) => JSON.parse(text, (key, value, context) => (typeof value === 'number' ? context?.source ?? String(value) : value));

// format_percent's digits (src/core/format.cpp): permille, one decimal,
// truncated; no ".0".
function percentText(permille) {
  const whole = permille / 10n;
  const tenth = permille % 10n;
  return `${whole.toLocaleString('en-US')}${tenth ? `.${tenth}` : ''}%`;
}

async function follow(table) {
  const lang = table.dataset.lang === 'en' ? 'en' : 'ja';
  const campaignUrl = new URL(table.dataset.campaign, document.baseURI);
  const [core, campaignText] = await Promise.all([
    loadCore(),
    fetch(campaignUrl, { cache: 'no-cache', credentials: 'omit' }).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${campaignUrl}: HTTP ${r.status}`)))),
  ]);
  const definition = JSON.parse(campaignText);
  const feedUrl = new URL(definition.feed.url, campaignUrl);
  subscribeFeed(feedUrl, (message) => {
    if ('error' in message || !core.validateFeed(message.text, campaignText).ok) return; // the table keeps its last good numbers
    const feed = exact(message.text);
    if (!feed.by_channel) return;
    const raised = BigInt(feed.raised);
    for (const row of table.querySelectorAll('tr[data-channel]')) {
      const amount = feed.by_channel[row.dataset.channel] ?? '0';
      const amountCell = row.querySelector('.amount');
      const percentCell = row.querySelector('.percent');
      const { ok, text } = core.formatAmount(amount, feed.currency, lang);
      if (!ok) continue;
      if (amountCell.textContent !== text) amountCell.textContent = text;
      const percent = raised > 0n ? percentText((BigInt(amount) * 1000n) / raised) : '0%';
      if (percentCell.textContent !== percent) percentCell.textContent = percent;
    }
  }, { intervalSeconds: definition.feed.poll_seconds ?? 30 });
}

for (const table of document.querySelectorAll('table[data-kifu-channels]')) {
  follow(table).catch((error) => console.warn(`channels: ${error?.message ?? error}`));
}
