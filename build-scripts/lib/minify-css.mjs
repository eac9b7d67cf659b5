/**
 * Comments and the white space around braces, semicolons, commas and after
 * colons go; the rules stay as written. Hand-written because what it must do
 * is this small and a CSS minifier package (csso, lightningcss) would pull a
 * parser into the build for a few hundred bytes more. Spaces before a colon
 * stay (".a :focus" is a descendant selector), and so do those around + and -
 * (calc() needs them).
 */
export function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}
