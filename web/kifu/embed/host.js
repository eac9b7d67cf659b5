// The optional host script for iframe embeds: sizes every Kifu frame to its
// content. <script src="…/kifu/v1/embed/host.js" defer></script>
// Without it a frame keeps the height its snippet gives it.
//
// A message is believed only when it comes from a Kifu frame on this page
// (its window and the origin of its src), has exactly the expected shape,
// and asks for a sane height. No globals: everything lives in this closure.
(() => {
  const MAX_HEIGHT = 4000;
  const frames = () => document.querySelectorAll('iframe[data-kifu-embed]');
  addEventListener('message', (event) => {
    const data = event.data;
    if (!data || typeof data !== 'object' || data.type !== 'kifu:height') return;
    if (typeof data.height !== 'number' || !Number.isFinite(data.height)) return;
    if (data.height < 0 || data.height > MAX_HEIGHT) return;
    for (const frame of frames()) {
      if (frame.contentWindow !== event.source) continue;
      let origin;
      try {
        origin = new URL(frame.src, document.baseURI).origin;
      } catch {
        return;
      }
      if (origin !== event.origin) return;
      frame.style.height = `${Math.ceil(data.height)}px`;
      return;
    }
  });
})();
