// A campaign's definition, fetched once per page, and the early start of its
// feed. The snippet (embed.js) calls prefetchCampaigns() as soon as it runs,
// before the widget modules and the wasm module have arrived, so the
// definition and then the feed are on the wire while the code still loads:
// an element that subscribes later finds the feed's text there (the feed
// poller shares one poller per URL and hands a late subscriber what it has).
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

// Long enough for the widgets to subscribe on a slow page; the prefetch's
// subscription then lets go, and the poller follows the widgets alone.
const HOLD_MS = 10_000;

/**
 * Starts the definitions of every kifu-* element with a campaign attribute,
 * and each one's feed as soon as the definition names it. `started`: URL ->
 * text of definitions already requested, `startedFeeds`: feed URL ->
 * response of feeds already requested (embed.js's). Nothing is judged
 * here: the widgets validate both documents as before, and a failure here is
 * met again, and reported, by the widget's own request.
 */
export function prefetchCampaigns(doc = document, started = new Map(), startedFeeds = new Map()) {
  const urls = new Set();
  for (const element of doc.querySelectorAll('[campaign]')) {
    if (!element.localName.startsWith('kifu-')) continue;
    try {
      urls.add(new URL(element.getAttribute('campaign'), doc.baseURI).href);
    } catch {
      // Not a URL: the widget says so.
    }
  }
  for (const url of urls) {
    fetchDefinition(url, started.get(url)).then((text) => {
      const { feed } = JSON.parse(text);
      const seconds = Number.isFinite(feed.poll_seconds) ? feed.poll_seconds : 30;
      const feedUrl = new URL(feed.url, url).href;
      const unsubscribe = subscribeFeed(feedUrl, () => {}, { intervalSeconds: seconds, started: startedFeeds.get(feedUrl) });
      setTimeout(unsubscribe, HOLD_MS);
    }).catch(() => {});
  }
  return urls.size;
}
