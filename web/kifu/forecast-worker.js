// The page's one forecast worker (forecast-runner.js run as a module
// worker), shared by every <kifu-forecast> on the page. Kept apart from the
// element's code so that it can be started before that code has arrived:
// the first partial forecast is only quick when the worker has fetched,
// compiled and warmed up its module before the element asks, and the
// element asks a moment after its documents arrive. So:
// - embed.js creates the worker the moment it runs, when the page has a
//   <kifu-forecast>, and hands it over here (adoptPageWorker);
// - the site's pages (site/widgets.js) start it when the forecast comes
//   within one and a half window heights of the screen (startPageWorker);
// - otherwise the first element that connects starts it (attach).
// It is let go a moment after the last element leaves (an element moved on
// the page disconnects and connects again at once); one started early stays
// until an element has come and gone. `worker` is null when none could be
// started (the Kifu files are on another origin than the page, or no
// workers): every element then runs on the page.

function create() {
  try {
    return new Worker(new URL('./forecast-runner.js', import.meta.url), { type: 'module' });
  } catch {
    return null; // another origin, or no workers: run on the page
  }
}

export const pageWorker = {
  worker: undefined,
  users: new Map(), // element → { message(data), failed() }
  nextId: 0,

  // Takes `worker` (null: it could not be created) as the page's worker,
  // unless the page has one already. `prepared`: it has been sent its
  // 'prepare'. `failedEarly`: it reported an error before it was handed
  // over (its script did not load).
  adopt(worker, { lang = 'ja', prepared = false, failedEarly = false } = {}) {
    if (this.worker !== undefined) {
      if (worker && worker !== this.worker) worker.terminate();
      return this.worker;
    }
    if (worker && failedEarly) {
      worker.terminate();
      worker = null;
    }
    this.worker = worker;
    if (!worker) return null;
    // The worker fetches and compiles the module itself (streaming) as soon
    // as it runs; 'prepare' lets it instantiate and warm up.
    if (!prepared) worker.postMessage({ type: 'prepare', lang });
    worker.addEventListener('message', ({ data }) => {
      for (const user of this.users.values()) user.message(data);
    });
    worker.addEventListener('error', () => {
      // The worker script could not load: every forecast falls back, once.
      if (this.worker !== worker) return;
      this.worker = null;
      worker.terminate();
      for (const user of [...this.users.values()]) user.failed();
    });
    return worker;
  },

  /** The page's worker, started now if there is none yet (null: none can run). */
  start(lang) {
    return this.worker !== undefined ? this.worker : this.adopt(create(), { lang });
  },

  attach(element, lang, handlers) {
    this.users.set(element, handlers);
    return this.start(lang);
  },

  detach(element) {
    this.users.delete(element);
    setTimeout(() => {
      if (this.users.size > 0 || !this.worker) return;
      this.worker.terminate();
      this.worker = undefined;
    }, 0);
  },
};

/** embed.js's worker, created before this module loaded; see pageWorker.adopt. */
export function adoptPageWorker(worker, options) {
  return pageWorker.adopt(worker, options);
}

/** Starts the page's worker ahead of the element (the site's pages). */
export function startPageWorker(lang) {
  return pageWorker.start(lang);
}
