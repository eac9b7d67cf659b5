// <kifu-counter campaign="…/campaign.json" lang="ja" variant="raised|donors">
//
// One big live number: the total raised (variant "raised", the default) or
// the number of donors ("donors"), with a caption and the freshness line.
// Everything else (loading, polling, caching, events) is
// KifuCampaignElement's; the core computes the same view as for the
// progress widget and this draws one number of it.
import { KifuCampaignElement } from './campaign-element.js';
import { el, flash, setAttr, setText } from './widget-style.js';

const TEXT = {
  ja: {
    raised: '寄付総額',
    donors: '寄付した人',
    donorsUnit: '人',
    amount: '000,000,000円',
    count: '00,000',
    title: '寄付の状況を読み込んでいます',
    status: '更新: 読み込み中',
  },
  en: {
    raised: 'Raised so far',
    donors: 'Donors so far',
    donorsUnit: '',
    amount: '¥000,000,000',
    count: '00,000',
    title: 'Loading the donation totals',
    status: 'Loading',
  },
};

const STYLE = `
/* Start-aligned, not centred: a centred line moves whenever its text's width
   changes (placeholder to title, 9 digits to 10), and that is layout shift. */
.card { gap: 0.125rem; }
.title { font-size: 0.875em; color: var(--_muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 100%; }
.caption { font-weight: 700; }
.number {
  white-space: nowrap;
  font-size: min(3em, 14cqi);
  font-weight: 800;
  line-height: 1.15;
  font-variant-numeric: tabular-nums;
  color: var(--_accent-text, var(--_text));
}
.unit { font-size: 0.5em; font-weight: 700; margin-inline-start: 0.1em; }
.status { min-height: 1.5em; }
`;

export class KifuCounterElement extends KifuCampaignElement {
  static tag = 'kifu-counter';
  static variants = ['raised', 'donors'];
  static style = STYLE;
  // The core draws no graphic for a counter; any variant gives the numbers.
  static coreVariant() {
    return 'bar';
  }
  // The progress widget's line switches mean nothing for one number.
  static get observedAttributes() {
    return super.observedAttributes.filter((name) => !name.startsWith('show-'));
  }

  buildParts(root) {
    const card = el('div', 'card loading', 'card');
    const parts = {
      card,
      title: el('p', 'title skeleton', 'title'),
      caption: el('p', 'caption', 'caption'),
      number: el('p', 'number skeleton pulse', 'number amount'),
      value: el('span', 'value'),
      unit: el('span', 'unit'),
      status: el('p', 'status', 'meta status'),
      updated: el('span', 'updated', 'updated'),
      stale: el('span', 'stale', 'stale'),
      sample: el('span', 'sample', 'sample'),
      live: el('div', 'visually-hidden'),
    };
    // The caption names the number for screen readers: "寄付総額 182,600,000円".
    parts.caption.id = 'caption';
    parts.number.setAttribute('aria-describedby', 'caption');
    parts.live.setAttribute('aria-live', 'polite');
    parts.live.setAttribute('aria-atomic', 'true');
    parts.stale.hidden = true;
    parts.sample.hidden = true;
    parts.number.append(parts.value, parts.unit);
    parts.status.append(parts.updated, parts.stale, parts.sample);
    card.append(parts.title, parts.caption, parts.number, parts.status);
    root.append(card, parts.live);
    this.parts = parts;
    return parts;
  }

  renderView(view, { lang, variant, live, stale, note, compact }) {
    const parts = this.parts;
    const text = TEXT[lang];
    const wasLoading = parts.card.classList.contains('loading');
    parts.card.classList.remove('loading');
    setText(parts.title, view.title);
    setAttr(parts.title, 'title', view.title);
    setText(parts.caption, text[variant]);
    const value = variant === 'donors' ? view.donorCount : compact ? view.raisedCompact : view.raised;
    if (!wasLoading && parts.value.textContent !== value) flash(parts.number);
    setText(parts.value, value);
    setText(parts.unit, variant === 'donors' ? text.donorsUnit : '');
    setText(parts.updated, live ? view.updated : '');
    parts.updated.hidden = stale;
    setText(parts.stale, note);
    parts.stale.hidden = !stale || note === '';
    setText(parts.sample, view.sampleNote);
    parts.sample.hidden = !view.sampleNote;
  }

  renderPlaceholder({ lang, variant, failed }) {
    const parts = this.parts;
    const text = TEXT[lang];
    parts.card.classList.add('loading');
    setText(parts.title, text.title);
    setText(parts.caption, text[variant]);
    setText(parts.value, variant === 'donors' ? text.count : text.amount);
    setText(parts.unit, '');
    setText(parts.updated, failed ? '' : text.status);
    parts.updated.hidden = Boolean(failed);
    setText(parts.stale, failed);
    parts.stale.hidden = !failed;
    parts.sample.hidden = true;
  }

  // The progress widget's announcement speaks of the total; a donor counter
  // speaks of donors.
  announceText(text) {
    super.announceText(this.variant === 'donors' ? `${TEXT[this.lang].donors} ${this.parts.value.textContent}${TEXT[this.lang].donorsUnit}` : text);
  }
}
