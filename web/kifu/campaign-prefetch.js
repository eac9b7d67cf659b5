// A campaign's definition, fetched once per page, and the early start of its
// feed. The snippet (embed.js) calls prefetchCampaigns() as soon as it runs,
// before the widget modules and the wasm module have arrived, so the
// definition and then the feed are on the wire while the code still loads:
// an element that subscribes later finds the feed's text there (the feed
// poller shares one poller per URL and hands a late subscriber what it has).
// A forecast's history follows its feed the same way (fetchHistory).
import { subscribeFeed } from './feed-poller.js';

// Ten widgets of one campaign read its definition once: one request per URL
// per page, forgotten when it fails so that a retry asks again.
const definitions = new Map();

/**
 * The definition's text, one request per URL per page. `started`: the text
 * of that request if it was already made (embed.js makes it before this
 * module has loaded); used when the URL is first asked for.
 */
export function fetchDefinition(url, started = null) {
  let text = definitions.get(url);
  if (!text) {
    text = started ?? fetch(url, { cache: 'no-cache', credentials: 'omit' }).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response.text();
    });
    text.catch(() => definitions.delete(url));
    definitions.set(url, text);
  }
  return text;
}

// A forecast's history (the file its feed names), fetched as soon as the
// feed arrives rather than when the forecast element has read both
// documents, and handed to that element once: its answer comes sooner.
// A later request (after the feed changed) asks the server again.
const histories = new Map(); // URL -> text, fetched early, not yet handed over
const historiesAsked = new Set(); // URLs an element has asked for: not fetched early again

function fetchText(url) {
  return fetch(url, { cache: 'no-cache', credentials: 'omit' }).then((response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.text();
  });
}

function prefetchHistory(url) {
  if (histories.has(url) || historiesAsked.has(url)) return;
  const text = fetchText(url);
  text.catch(() => {}); // the element asks again, and reports a failure then
  histories.set(url, text);
}

/**
 * The history's text for a forecast: the early request's the first time
 * (prefetchCampaigns; asked again if it failed), a new request after that.
 */
export function fetchHistory(url) {
  historiesAsked.add(url);
  const early = histories.get(url);
  if (!early) return fetchText(url);
  histories.delete(url);
  return early.catch(() => fetchText(url));
}

// Long enough for the widgets to subscribe on a slow page; the prefetch's
// subscription then lets go, and the poller follows the widgets alone.
const HOLD_MS = 10_000;

/**
 * Starts the definitions of every kifu-* element with a campaign attribute,
 * and each one's feed as soon as the definition names it. `started`: URL ->
 * text of definitions already requested (embed.js's). `feeds`: feed URL ->
 * reply of feeds already requested (embed.js's, read as feed-poller.js's
 * readFeedReply reads one). `histories`: false to
 * leave a forecast's history to the element (the site's pages, where the
 * forecast is far down and may never be seen). Nothing is judged here: the
 * widgets validate both documents as before, and a failure here is met
 * again, and reported, by the widget's own request.
 */
export function prefetchCampaigns(doc = document, started = new Map(), { feeds = new Map(), histories: withHistories = true } = {}) {
  const urls = new Set();
  const forecasts = new Set(); // the campaigns a <kifu-forecast> shows: their history too
  for (const element of doc.querySelectorAll('[campaign]')) {
    if (!element.localName.startsWith('kifu-')) continue;
    try {
      const url = new URL(element.getAttribute('campaign'), doc.baseURI).href;
      urls.add(url);
      if (withHistories && element.localName === 'kifu-forecast') forecasts.add(url);
    } catch {
      // Not a URL: the widget says so.
    }
  }
  for (const url of urls) {
    fetchDefinition(url, started.get(url)).then((text) => {
      const { feed } = JSON.parse(text);
      const seconds = Number.isFinite(feed.poll_seconds) ? feed.poll_seconds : 30;
      const feedUrl = new URL(feed.url, url).href;
      const unsubscribe = subscribeFeed(feedUrl, ({ text: feedText }) => {
        if (!forecasts.has(url) || typeof feedText !== 'string') return;
        forecasts.delete(url); // the first feed only
        try {
          const { history } = JSON.parse(feedText);
          if (typeof history === 'string') prefetchHistory(new URL(history, feedUrl).href);
        } catch {
          // Not a feed: the widgets say so.
        }
      }, { intervalSeconds: seconds, started: feeds.get(feedUrl) });
      setTimeout(unsubscribe, HOLD_MS);
    }).catch(() => {});
  }
  return urls.size;
}
