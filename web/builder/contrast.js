// WCAG 2.x contrast between two sRGB colours:
// https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio
// (L1 + 0.05) / (L2 + 0.05), L the relative luminance of the lighter (1) and
// darker (2) colour. AA asks 4.5:1 for text and 3:1 for graphics.

/** "#c2410c" or "#fff" -> [194, 65, 12]; null for anything else. */
export function parseHexColour(text) {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(String(text).trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

export function relativeLuminance([r, g, b]) {
  const channel = (v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The contrast ratio, 1 to 21; NaN when a colour is missing. */
export function contrastRatio(a, b) {
  if (!a || !b) return Number.NaN;
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
