// A type test: compiled with `tsc --noEmit` (tests/js/types.test.mjs), never
// run. Each line states what the declarations promise a page author; lines
// marked ts-expect-error state what they must refuse (tsc fails if one of
// them stops being an error).
import { diagnosticText, loadCore, type KifuCore, type ProgressView } from '../../web/kifu/core.js';
import { subscribeFeed } from '../../web/kifu/feed-poller.js';
import { WIDGET_NAMES } from '../../web/kifu/embed.js';
import { KifuProgressElement } from '../../web/kifu/kifu-progress.js';
import { KifuCounterElement } from '../../web/kifu/kifu-counter.js';
import { KifuForecastElement } from '../../web/kifu/kifu-forecast.js';
import { KifuEstimatorElement } from '../../web/kifu/kifu-estimator.js';
import type { EstimateView } from '../../web/kifu/core.js';
import type { KifuUpdateDetail } from '../../web/kifu/campaign-element.js';

async function useCore(): Promise<string> {
  const core: KifuCore = await loadCore();
  const view: ProgressView = core.renderProgress({ campaignJson: '{}', feedJson: '{}', lang: 'en', variant: 'thermometer' });
  // @ts-expect-error amounts are text, never numbers
  const n: number = view.raised;
  void n;
  // @ts-expect-error the core speaks ja and en only
  core.renderProgress({ campaignJson: '', feedJson: '', lang: 'fr' });
  core.formatAmount(182600000n, 'JPY', 'ja', { compact: true });
  return view.ok ? view.raised : view.errors.map(diagnosticText).join('; ');
}
void useCore;

const unsubscribe: () => void = subscribeFeed('feed.json', (message) => {
  if ('text' in message) message.text.toUpperCase();
  else message.error.toUpperCase();
});
unsubscribe();

const names: readonly string[] = WIDGET_NAMES;
void names;

// The tag names give the element classes, with their properties.
const progress = document.createElement('kifu-progress');
const asClass: KifuProgressElement = progress;
progress.variant = 'ring';
progress.showDonors = true;
progress.theme = 'dark';
// @ts-expect-error a progress widget has no "pie" variant
progress.variant = 'pie';
void asClass;

const counter: KifuCounterElement | null = document.querySelector('kifu-counter');
if (counter) counter.variant = 'donors';

// Events carry typed details, on the element and on document.
progress.addEventListener('kifu-update', (event) => {
  const detail: KifuUpdateDetail = event.detail;
  const raised: string = detail.raised;
  void raised;
});
document.addEventListener('kifu-goal-reached', (event) => event.detail.goal.length);
document.addEventListener('kifu-error', (event) => {
  const stale: boolean = event.detail.stale;
  void stale;
});

// <kifu-forecast>: seed and paths are numbers; the final answer is an event.
const forecast: KifuForecastElement = document.createElement('kifu-forecast');
forecast.seed = 7;
forecast.paths = 5000;
// @ts-expect-error the seed is a number, not text
forecast.seed = '7';
forecast.addEventListener('kifu-forecast', (event) => {
  const chance: string = event.detail.chance;
  void chance;
});

// <kifu-estimator>: the tag gives the class; the core answers typed text.
const estimator: KifuEstimatorElement = document.createElement('kifu-estimator');
estimator.campaign = 'campaigns/animal-center/campaign.json';
estimator.lang = 'en';
// @ts-expect-error the estimator speaks ja and en only
estimator.lang = 'fr';
estimator.addEventListener('kifu-error', (event) => event.detail.reason.length);

async function useEstimate(): Promise<string> {
  const core: KifuCore = await loadCore();
  const view: EstimateView = core.renderEstimate({ campaignJson: '{}', balances: { 'card-points': '３０００' }, target: '1.5万', lang: 'ja' });
  // @ts-expect-error balances are typed text, never numbers
  core.renderEstimate({ campaignJson: '{}', balances: { 'card-points': 3000 } });
  const first = view.programs[0];
  return view.ok ? `${first?.result ?? ''} ${view.mix}` : view.errors.map(diagnosticText).join('; ');
}
void useEstimate;
