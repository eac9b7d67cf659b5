// Polls totals feeds: one poller per feed URL per page, however many widgets
// show that feed, so ten widgets on a page cost one request per interval.
//
//   const unsubscribe = subscribeFeed(url, (message) => {
//     if ('text' in message) use(message.text);   // new text (or the same text after a failure)
//     else console.warn(message.error);           // the poll failed; keep what you had
//   }, { intervalSeconds: 30 });
//
// Requests revalidate with the feed's ETag (If-None-Match) so an unchanged
// feed costs a 304. Polling pauses while the page is hidden and backs off
// exponentially after failures. Validating the text is the subscriber's job.

export const DEFAULT_INTERVAL_SECONDS = 30;
export const MIN_INTERVAL_SECONDS = 5;
export const MAX_BACKOFF_SECONDS = 300;

/**
 * A feed's response read to the end: `{status, statusText, etag, text}`,
 * text null unless the status is 2xx. Read ahead like this, a reply is ready
 * in the task that needs it: a Response's body always answers in a task of
 * its own, and with the feed and the core both there, that task let the
 * browser draw a frame of placeholders before the live one. (embed.js reads
 * its early request the same way, written out: it imports nothing.)
 */
export async function readFeedReply(response) {
  return {
    status: response.status,
    statusText: response.statusText,
    etag: response.headers.get('ETag'),
    text: response.ok ? await response.text() : null,
  };
}

/**
 * A set of pollers with its own clock settings and environment; the page uses
 * one (below). Tests make their own with shorter intervals and a fake document.
 */
export function createFeedPollers({
  minIntervalSeconds = MIN_INTERVAL_SECONDS,
  maxBackoffSeconds = MAX_BACKOFF_SECONDS,
  fetch = (...args) => globalThis.fetch(...args),
  doc = globalThis.document,
  baseUrl = globalThis.document?.baseURI,
} = {}) {
  const pollers = new Map(); // absolute URL -> poller
  const isHidden = () => Boolean(doc?.hidden);

  function createPoller(url) {
    const subscribers = new Map(); // listener -> requested interval in seconds
    const p = {
      started: null, // a first request someone already made (embed.js), used by the first poll
      etag: null,
      text: null,
      fetchedAt: 0,
      failures: 0,
      timer: null,
      dueAt: 0,
      inFlight: false,
      lastError: null,
    };

    function intervalMs() {
      let seconds = Infinity;
      for (const s of subscribers.values()) seconds = Math.min(seconds, s);
      if (!Number.isFinite(seconds)) seconds = DEFAULT_INTERVAL_SECONDS;
      return Math.max(seconds, minIntervalSeconds) * 1000;
    }

    function delayMs() {
      if (p.failures === 0) return intervalMs();
      return Math.min(intervalMs() * 2 ** p.failures, maxBackoffSeconds * 1000);
    }

    function notify(message) {
      for (const listener of [...subscribers.keys()]) {
        try {
          listener(message);
        } catch (error) {
          // One broken subscriber must not starve the others.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    }

    function schedule(ms) {
      clearTimeout(p.timer);
      p.dueAt = Date.now() + ms;
      p.timer = setTimeout(tick, ms);
    }

    function tick() {
      p.timer = null;
      if (subscribers.size === 0 || p.inFlight) return;
      // Hidden pages do not poll; the visibilitychange handler catches up.
      if (isHidden()) return;
      poll();
    }

    async function poll() {
      p.inFlight = true;
      const wasFailing = p.failures > 0;
      let message;
      try {
        const headers = p.etag ? { 'If-None-Match': p.etag } : {};
        const started = p.started;
        p.started = null;
        // no-cache: the browser must ask the server every time, never answer
        // from its cache without asking. (embed.js's early request asks the same way.)
        const reply = await (started ?? fetch(url, { cache: 'no-cache', headers, credentials: 'omit' }).then(readFeedReply));
        if (reply.status === 304 && p.text !== null) {
          p.failures = 0;
          p.fetchedAt = Date.now();
          // Unchanged, but after a failure the subscribers must learn that
          // the feed is reachable again.
          if (wasFailing) message = { text: p.text, etag: p.etag, fetchedAt: p.fetchedAt };
        } else if (reply.text !== null) {
          const { text, etag } = reply;
          p.failures = 0;
          p.fetchedAt = Date.now();
          if (text !== p.text || wasFailing) message = { text, etag, fetchedAt: p.fetchedAt };
          p.text = text;
          p.etag = etag;
        } else {
          throw new Error(`HTTP ${reply.status}${reply.statusText ? ` ${reply.statusText}` : ''}`);
        }
        p.lastError = null;
      } catch (error) {
        p.failures += 1;
        // Node's fetch hides the reason in `cause`; browsers say "Failed to fetch".
        const cause = error?.cause?.message ? ` (${error.cause.message})` : '';
        p.lastError = `${url}: ${error?.message ?? error}${cause}`;
        message = { error: p.lastError };
      } finally {
        p.inFlight = false;
      }
      if (subscribers.size === 0) return;
      schedule(delayMs());
      if (message) notify(message);
    }

    return {
      // A request made before this poller existed: the first poll waits for
      // it instead of asking again. Ignored once the feed has been asked for.
      adopt(reply) {
        if (p.text === null && p.fetchedAt === 0 && !p.inFlight && p.failures === 0) p.started = reply;
      },
      subscribe(listener, seconds) {
        subscribers.set(listener, seconds);
        if (p.text !== null) {
          // A late subscriber learns at once what the others know (the text,
          // then the failure if the feed is failing now), asynchronously like
          // every other message.
          const messages = [{ text: p.text, etag: p.etag, fetchedAt: p.fetchedAt }];
          if (p.lastError) messages.push({ error: p.lastError });
          queueMicrotask(() => {
            for (const m of messages) if (subscribers.has(listener)) listener(m);
          });
        }
        if (subscribers.size === 1 && !p.inFlight) {
          if (p.text === null || Date.now() >= p.dueAt) queueMicrotask(tick);
          else schedule(p.dueAt - Date.now());
        } else if (p.timer && p.failures === 0 && p.dueAt - Date.now() > intervalMs()) {
          // A subscriber asking for a shorter interval takes effect now.
          schedule(intervalMs());
        }
      },
      unsubscribe(listener) {
        subscribers.delete(listener);
        if (subscribers.size === 0) {
          clearTimeout(p.timer);
          p.timer = null;
        }
      },
      wake() {
        if (subscribers.size === 0 || p.inFlight || isHidden()) return;
        if (Date.now() >= p.dueAt) {
          clearTimeout(p.timer);
          poll();
        }
      },
    };
  }

  doc?.addEventListener?.('visibilitychange', () => {
    if (!isHidden()) for (const poller of pollers.values()) poller.wake();
  });

  /**
   * Calls `listener` with `{text, etag, fetchedAt}` for new text and `{error}`
   * for each failed poll. Returns the function that unsubscribes.
   * `started`: a promise of readFeedReply's reading of a request for this
   * feed already made (embed.js starts the feed before this module has
   * loaded); the first poll uses it rather than asking again.
   */
  function subscribeFeed(url, listener, { intervalSeconds = DEFAULT_INTERVAL_SECONDS, started = null } = {}) {
    if (typeof listener !== 'function') throw new TypeError('subscribeFeed: listener must be a function');
    const seconds = Number.isFinite(intervalSeconds) && intervalSeconds > 0 ? intervalSeconds : DEFAULT_INTERVAL_SECONDS;
    const key = new URL(String(url), baseUrl).href;
    let poller = pollers.get(key);
    if (!poller) {
      // Kept after its last subscriber leaves (it stops polling then): a widget
      // moved in the DOM resubscribes at once and should keep the ETag.
      poller = createPoller(key);
      pollers.set(key, poller);
    }
    if (started) poller.adopt(started);
    // A listener is a key: wrap it so the same function may subscribe twice.
    const entry = (message) => listener(message);
    poller.subscribe(entry, seconds);
    return () => poller.unsubscribe(entry);
  }

  return { subscribeFeed };
}

const pagePollers = createFeedPollers();

/** The page's shared pollers: see createFeedPollers. */
export const subscribeFeed = pagePollers.subscribeFeed;
