// kifu-core.wasm, fetched and compiled once per page, from the moment the
// snippet runs. embed.js starts it at once, beside the campaign's definition
// (campaign-prefetch.js), instead of after core.js and the glue have loaded
// and run; core.js instantiates the module compiled here. Compiling streams:
// the module compiles while it downloads.
const url = new URL('./kifu-core.wasm', import.meta.url).href;

let compiled = null;

/**
 * The compiled kifu-core module: one download per page, tried again after a
 * failure. `started`: the response of a request for kifu-core.wasm already
 * made (embed.js makes it before this module has loaded); used by the first
 * call only.
 */
export function compileCore(started = null) {
  if (!compiled) {
    compiled = (started ?? fetch(url, { credentials: 'same-origin' })).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      // A server that does not say application/wasm refuses streaming; the
      // same bytes then compile from a buffer (no second download).
      const buffered = () => response.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
      return WebAssembly.compileStreaming ? WebAssembly.compileStreaming(response.clone()).catch(buffered) : buffered();
    });
    compiled.catch(() => {
      compiled = null;
    });
  }
  return compiled;
}
