// kifu-core.wasm, fetched and compiled once per page, from the moment the
// snippet runs. embed.js requests it at once, beside the campaign's
// definition (campaign-prefetch.js), instead of after core.js and the glue
// have loaded and run, and reads it to the end; core.js instantiates the
// module compiled here.
//
// Compiled synchronously, from the whole file: the browser compiles wasm
// functions lazily, at their first call, so compiling the module only checks
// it (under a millisecond for kifu-core's 90 KB in Chromium 156), and the
// widgets waiting for it go on in the same task. WebAssembly.compileStreaming
// answered in a later task, and the browser drew a frame of placeholders
// first (in traces of the ten-widget page, its style and layout took longer
// than the compile it waited for).
const url = new URL('./kifu-core.wasm', import.meta.url).href;

let compiled = null;

// kifu-core.wasm's bytes, or a rejection that says why there are none.
function fetchCoreBytes() {
  return fetch(url, { credentials: 'same-origin' }).then((response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
}

function compileNow(bytes) {
  try {
    return new WebAssembly.Module(bytes);
  } catch (error) {
    // Browsers that refuse large synchronous compiles on the main thread
    // throw a RangeError (older Chromium, over 4 KB; later over 8 MB): they
    // compile it asynchronously. A broken file, a CompileError, is reported
    // as it is.
    if (error instanceof RangeError) return WebAssembly.compile(bytes);
    throw error;
  }
}

/**
 * The compiled kifu-core module: one download per page, tried again after a
 * failure. `started`: kifu-core.wasm's bytes from a request already made
 * (embed.js makes it, with fetchCoreBytes's rules, before this module has
 * loaded); used by the first call only.
 */
export function compileCore(started = null) {
  if (!compiled) {
    compiled = (started ?? fetchCoreBytes()).then(compileNow);
    compiled.catch(() => {
      compiled = null;
    });
  }
  return compiled;
}
