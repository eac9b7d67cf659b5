// <kifu-progress campaign="campaigns/animal-center/campaign.json" lang="ja" variant="bar">
//
// The live total of one campaign beside its goal, as a bar, a ring or a
// thermometer. Loading, polling, validation, caching and events are
// KifuCampaignElement's; this file draws. It only exports the class;
// define.js registers the tag, so a page can subclass or rename it.
//
// The widget is a guest on someone else's page: text from definitions and
// feeds is inserted as text (a title may be "<img src=x onerror=alert(1)>"),
// and the box keeps its final size from the first paint so the host page does
// not jump when data arrives.
import { KifuCampaignElement } from './campaign-element.js';
import { el, flash, parseSvg as parseSvgMarkup, setAttr, setText } from './widget-style.js';

// The only text the widget owns: what shows before the core has spoken.
// Placeholders are as long as typical real lines, so they wrap the same way
// and the box keeps its height when the numbers arrive.
const TEXT = {
  ja: {
    title: '寄付の進み具合を読み込んでいます',
    amount: '000,000,000円',
    goal: '00.0% · 目標 00億円 · 目標まであと0.0億円',
    meta: '00,000人・00,000件の寄付 · 残り000日',
    next: '次の節目「設計」0億円まであと0.0億円',
    status: '更新: 読み込み中',
    progress: '寄付の進み具合を読み込み中',
  },
  en: {
    title: 'Loading the donation progress',
    amount: '¥000,000,000',
    goal: '00.0% · Goal ¥0.0B · ¥000.0M to go',
    meta: '00,000 donors · 00,000 donations · 000 days left',
    next: 'Next milestone: Design at ¥000M, ¥000.0M to go',
    status: 'Loading',
    progress: 'Loading donation progress',
  },
};

const STYLE = `
/* Titles take two lines, always: the definition arrives after first paint
   and a title of any length must not move what is below it. Longer titles
   are cut with an ellipsis (the full title is the tooltip). */
.title {
  font-weight: 700;
  font-size: 1.05em;
  min-height: 3em;
  display: -webkit-box;
  -webkit-box-orient: vertical;
  -webkit-line-clamp: 2;
  overflow: hidden;
}
.amount {
  /* One line, shrinking on narrow widgets rather than breaking a number. */
  white-space: nowrap;
  font-size: min(1.75em, 9cqi);
  font-weight: 800;
  line-height: 1.2;
  font-variant-numeric: tabular-nums;
}
.goal, .meta, .next { font-size: 0.875em; color: var(--_muted); }
.next { min-height: 1.5em; }

/* The bar's SVG stretches to any width (preserveAspectRatio="none"), so its
   box has a fixed height; the ring and the thermometer keep their aspect.
   Either way the box has its final size before any data arrives. The core
   writes colours as attributes (for standalone SVG); here they follow the
   custom properties. */
.graphic { width: 100%; height: 1.5rem; }
.graphic svg { display: block; width: 100%; height: 100%; overflow: visible; }
.kifu-bar .kifu-track, .kifu-thermometer .kifu-track { fill: var(--_track); }
.kifu-bar .kifu-fill, .kifu-thermometer .kifu-fill { fill: var(--_accent); }
.kifu-ring .kifu-track { stroke: var(--_track); }
.kifu-ring .kifu-fill { stroke: var(--_accent); }
.kifu-milestone { stroke: var(--_muted); }
.kifu-milestone.kifu-reached { stroke: var(--_background); }
.kifu-ring-label { fill: var(--_text); font-weight: 700; }

/* Ring and thermometer: above the text in a narrow widget (a phone), beside
   it when wide. */
:host([variant="ring"]) .card > .graphic { width: min(10rem, 60%); height: auto; aspect-ratio: 1 / 1; justify-self: center; margin-bottom: 0.5rem; }
:host([variant="thermometer"]) .card > .graphic { width: auto; height: 10rem; aspect-ratio: 100 / 1240; justify-self: center; margin-bottom: 0.5rem; }
@container (min-width: 30rem) {
  :host([variant="ring"]) .card, :host([variant="thermometer"]) .card { grid-template-columns: 9rem 1fr; align-items: center; }
  :host([variant="ring"]) .card > *, :host([variant="thermometer"]) .card > * { grid-column: 2; }
  :host([variant="ring"]) .card > .graphic, :host([variant="thermometer"]) .card > .graphic { grid-column: 1; grid-row: 1 / span 6; margin: 0; }
  :host([variant="ring"]) .card > .graphic { width: 100%; }
  :host([variant="ring"]) .amount, :host([variant="thermometer"]) .amount { font-size: 1.5em; }
}
.loading .graphic { background: var(--_track); border-radius: 6px; }
:host([variant="ring"]) .loading .graphic { border-radius: 50%; }
`;

/** The bar's, ring's or thermometer's SVG, decorative (widget-style.js's parseSvg); kept here for the v1 API. */
export function parseSvg(markup) {
  return parseSvgMarkup(markup, { decorative: true });
}

export class KifuProgressElement extends KifuCampaignElement {
  static tag = 'kifu-progress';
  static variants = ['bar', 'ring', 'thermometer'];
  static style = STYLE;

  #svgMarkup = null;

  buildParts(root) {
    const card = el('div', 'card loading', 'card');
    const parts = {
      card,
      graphic: el('div', 'graphic', 'bar graphic'),
      title: el('p', 'title skeleton pulse', 'title'),
      amount: el('p', 'amount skeleton pulse', 'amount'),
      goal: el('p', 'goal skeleton', 'meta goal'),
      meta: el('p', 'meta skeleton', 'meta donors'),
      next: el('p', 'next skeleton', 'meta next'),
      status: el('p', 'status', 'meta status'),
      updated: el('span', 'updated', 'updated'),
      stale: el('span', 'stale', 'stale'),
      sample: el('span', 'sample', 'sample'),
      live: el('div', 'visually-hidden'),
    };
    parts.title.id = 'title';
    parts.graphic.setAttribute('role', 'progressbar');
    parts.graphic.setAttribute('aria-valuemin', '0');
    parts.graphic.setAttribute('aria-valuemax', '100');
    parts.graphic.setAttribute('aria-labelledby', 'title');
    parts.live.setAttribute('aria-live', 'polite');
    parts.live.setAttribute('aria-atomic', 'true');
    parts.stale.hidden = true;
    parts.sample.hidden = true;
    parts.status.append(parts.updated, parts.stale, parts.sample);
    card.append(parts.title, parts.amount, parts.graphic, parts.goal, parts.meta, parts.next, parts.status);
    root.append(card, parts.live);
    this.parts = parts;
    return parts;
  }

  // Lines the options turn off are hidden from the first paint on, so
  // nothing moves when the data comes.
  #showLines({ showDonors, showDaysLeft, showMilestones }) {
    const { meta, next } = this.parts;
    meta.hidden = !showDonors && !showDaysLeft;
    next.hidden = !showMilestones;
  }

  renderView(view, { live, stale, note, compact, showDonors, showDaysLeft, showMilestones }) {
    const parts = this.parts;
    this.#showLines({ showDonors, showDaysLeft, showMilestones });
    const wasLoading = parts.card.classList.contains('loading');
    parts.card.classList.remove('loading');
    setText(parts.title, view.title);
    setAttr(parts.title, 'title', view.title);
    const amount = compact ? view.raisedCompact : view.raised;
    if (!wasLoading && parts.amount.textContent !== amount) flash(parts.amount);
    setText(parts.amount, amount);
    setText(parts.goal, [view.percent, view.goalLabel, view.remaining].filter(Boolean).join(' · '));
    setText(parts.meta, [showDonors && view.donors, showDaysLeft && view.days].filter(Boolean).join(' · '));
    setText(parts.next, view.nextMilestone);
    // Live: "updated 3 minutes ago"; a cached or prerendered total says what it is.
    setText(parts.updated, live ? view.updated : '');
    parts.updated.hidden = stale;
    setText(parts.stale, note);
    parts.stale.hidden = !stale || note === '';
    setText(parts.sample, view.sampleNote);
    parts.sample.hidden = !view.sampleNote;
    setAttr(parts.graphic, 'aria-valuenow', view.ariaValuenow);
    setAttr(parts.graphic, 'aria-valuetext', view.ariaValuetext);
    if (view.svg !== this.#svgMarkup) {
      this.#svgMarkup = view.svg;
      const svg = parseSvg(view.svg);
      parts.graphic.replaceChildren(...(svg ? [svg] : []));
    }
  }

  renderPlaceholder({ lang, failed, ...options }) {
    const parts = this.parts;
    const text = TEXT[lang];
    this.#showLines(options);
    parts.card.classList.add('loading');
    setText(parts.title, text.title);
    parts.title.removeAttribute('title');
    setText(parts.amount, text.amount);
    setText(parts.goal, text.goal);
    setText(parts.meta, text.meta);
    setText(parts.next, text.next);
    setText(parts.updated, failed ? '' : text.status);
    parts.updated.hidden = Boolean(failed);
    setText(parts.stale, failed);
    parts.stale.hidden = !failed;
    parts.sample.hidden = true;
    parts.graphic.replaceChildren();
    this.#svgMarkup = null;
    parts.graphic.removeAttribute('aria-valuenow');
    setAttr(parts.graphic, 'aria-valuetext', text.progress);
  }
}
