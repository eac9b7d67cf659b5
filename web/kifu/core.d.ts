// Types of core.js, the JavaScript face of the wasm core. Hand-written
// (Emscripten 3.1.6 cannot emit them); tests/types keeps them true.

export interface Diagnostic {
  /** JSON pointer of the field, e.g. "/raised"; "" for the whole document. */
  pointer: string;
  message: string;
}

export type Lang = 'ja' | 'en';
export type ProgressVariant = 'bar' | 'ring' | 'thermometer';

export interface ProgressRequest {
  campaignJson: string;
  feedJson: string;
  lang?: Lang;
  variant?: ProgressVariant;
  /** Milliseconds since 1970 (Date.now()). */
  nowUnixMs?: number;
  stale?: boolean;
}

/** Everything a widget shows, as text. Amounts are formatted strings, never numbers. */
export interface ProgressView {
  ok: boolean;
  errors: Diagnostic[];
  errorSource: '' | 'campaign' | 'feed' | 'request';
  lang: string;
  title: string;
  raised: string;
  raisedCompact: string;
  goal: string;
  goalCompact: string;
  goalLabel: string;
  percent: string;
  ariaValuenow: string;
  ariaValuetext: string;
  remaining: string;
  donors: string;
  donorCount: string;
  days: string;
  nextMilestone: string;
  updated: string;
  staleNote: string;
  sampleNote: string;
  announcement: string;
  svg: string;
  goalReached: boolean;
}

export interface Validation {
  ok: boolean;
  kind: 'campaign' | 'feed';
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export interface FormattedAmount {
  ok: boolean;
  text: string;
  error: string;
}

/** What a visitor typed, exactly as typed: the core reads it (３０００, 1.5万, 3,000pt…). */
export interface EstimateRequest {
  campaignJson: string;
  /** The totals feed; without it there is no "what it does to the campaign". */
  feedJson?: string;
  /** Program id -> the balance as typed. */
  balances?: Record<string, string>;
  /** The amount the visitor wants to give, as typed. */
  target?: string;
  lang?: Lang;
  /** Milliseconds since 1970 (Date.now()): decides which programs are open. */
  nowUnixMs?: number;
}

/** One point program's field and answers, as text. */
export interface ProgramLine {
  id: string;
  name: string;
  unit: string;
  rule: string;
  /** Why the typed balance is refused; "" when accepted or empty. */
  inputError: string;
  hasBalance: boolean;
  result: string;
  detail: string;
  limit: 'none' | 'below_min' | 'period_cap' | 'not_open';
  valueNote: string;
  needed: string;
}

/** Everything <kifu-estimator> shows, as text. Amounts are formatted strings, never numbers. */
export interface EstimateView {
  ok: boolean;
  errors: Diagnostic[];
  errorSource: '' | 'campaign' | 'feed' | 'inputs' | 'request';
  programs: ProgramLine[];
  targetError: string;
  total: string;
  matched: string;
  impact: string;
  effect: string;
  /** The cheapest mix of balances for the target, or the nearest amounts above and below. */
  mix: string;
  taxNote: string;
  announcement: string;
}

export interface KifuCore {
  renderProgress(request: ProgressRequest): ProgressView;
  /** One call per keystroke: every field's typed text in, every sentence out. */
  renderEstimate(request: EstimateRequest): EstimateView;
  validateCampaign(campaignText: string): Validation;
  validateFeed(feedText: string, campaignText?: string): Validation;
  /** Minor units as a decimal string, a BigInt or a safe integer. */
  formatAmount(minorUnits: string | bigint | number, currencyCode: string, lang?: Lang, options?: { compact?: boolean }): FormattedAmount;
}

export interface LoadCoreOptions {
  /** The .wasm bytes, where the glue cannot fetch (Node). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (file: string) => string;
}

/** Loads the module once per page; later calls return the same promise. */
export function loadCore(options?: LoadCoreOptions): Promise<KifuCore>;

/** "/raised: must not be negative" */
export function diagnosticText(diagnostic: Diagnostic): string;
