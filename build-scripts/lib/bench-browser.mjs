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
