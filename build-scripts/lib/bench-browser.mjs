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
// ({ first: true, live: false, ... }) and keeps the time of the first frame
// that saw each, in window.__benchMarks. Self-contained: Playwright sends it
// to the page as source.
function markFrames(probe, arg) {
  const marks = {};
  Object.defineProperty(window, '__benchMarks', { value: marks });
  const frame = (time) => {
    const seen = probe(arg);
    for (const [name, done] of Object.entries(seen)) if (done && marks[name] === undefined) marks[name] = time;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * Times moments of a page load from inside the page, the same way for every
 * page of a benchmark: an init script (it runs before any of the page's own
 * scripts) checks `probe` on every animation frame, and a moment's time is
 * that frame's start (performance.now() scale, from navigation start).
 * Polling from Playwright instead (waitForFunction) adds a round trip to the
 * test process to every reading, and on a fast page that round trip is what
 * it measures. `probe` must be self-contained (it runs in the page, with
 * `arg`, which must be JSON).
 * Returns `waitFor(page, names)`: resolves to { name: ms } once all have come.
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
