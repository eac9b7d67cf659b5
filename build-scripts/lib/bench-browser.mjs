// Helpers the browser benchmarks share (bench-embed.mjs, bench-site.mjs):
// units, medians and the command line's --runs.
export const kb = (bytes) => `${(bytes / 1024).toFixed(1).padStart(6)} KB`;
export const ms = (t) => `${t.toFixed(0).padStart(5)} ms`;
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** --runs N from argv, else `fallback`. */
export function runsArg(argv, fallback) {
  const i = argv.indexOf('--runs');
  return i > 0 ? Number(argv[i + 1]) : fallback;
}

// The page-side half of frameProbe: on every animation frame from the
// document's creation on, asks `probe(arg)` which moments have come
// ({ first: true, live: false, ... }) and keeps, in window.__benchMarks,
// two times for the first frame that saw each:
// - `name`: the frame's own time stamp (the callback's argument). Chromium
//   stamps a frame when it begins, which can be before a long task that ran
//   first and drew the very thing the probe sees;
// - `nameDrawn`: performance.now() in a message posted from that frame's
//   callback, which runs once the frame's style, layout and paint are done
//   on the main thread: the closest the page can see to the number painted.
// Self-contained: Playwright sends it to the page as source.
function markFrames(probe, arg) {
  const marks = {};
  Object.defineProperty(window, '__benchMarks', { value: marks });
  const frame = (time) => {
    const seen = probe(arg);
    const fresh = Object.keys(seen).filter((name) => seen[name] && marks[name] === undefined);
    for (const name of fresh) marks[name] = time;
    if (fresh.length > 0) {
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = () => {
        const now = performance.now();
        for (const name of fresh) marks[`${name}Drawn`] = now;
        port1.close();
      };
      port2.postMessage(null);
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * Times moments of a page load from inside the page, the same way for every
 * page of a benchmark: an init script (it runs before any of the page's own
 * scripts) checks `probe` on every animation frame, and a moment's time is
 * that frame's start, and `<moment>Drawn` the time that frame was drawn
 * (performance.now() scale, from navigation start; see markFrames).
 * Polling from Playwright instead (waitForFunction) adds a round trip to the
 * test process to every reading, and on a fast page that round trip is what
 * it measures. `probe` must be self-contained (it runs in the page, with
 * `arg`, which must be JSON).
 * Returns `waitFor(page, names)`: resolves to { name: ms, ... } once all the
 * names (moments or their `Drawn` times) have come.
 */
export async function frameProbe(context, probe, arg) {
  await context.addInitScript({ content: `(${markFrames})(${probe}, ${JSON.stringify(arg)});` });
  return async (page, names, timeout = 20_000) => {
    const handle = await page.waitForFunction(
      (wanted) => wanted.every((name) => window.__benchMarks?.[name] !== undefined) && window.__benchMarks,
      names,
      { timeout },
    );
    return handle.jsonValue();
  };
}
