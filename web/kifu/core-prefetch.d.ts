// core-prefetch.js: kifu-core.wasm fetched and compiled once per page (embed.js starts it, core.js uses it).
/** The compiled kifu-core module: one download per page, tried again after a failure. */
export declare function compileCore(started?: Promise<ArrayBuffer> | null): Promise<WebAssembly.Module>;
