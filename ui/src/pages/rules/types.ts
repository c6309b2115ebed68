// The answer shapes the rules pages read, as the server's routes define them
// (src/server/rule-schemas.ts, routes/rules.ts, routes/rule-validate.ts, routes/patterns.ts,
// routes/deliveries.ts, routes/events.ts). The server is the contract; these only name it.

/** Where a rule is defined: a config file position, or `"api"` for one written through the API. */
export type RuleOrigin = "api" | { file: string; line: number; col: number };

/** A target as the API shows it: defaults filled in, durations in ms, inline secrets hidden. */
export interface TargetView {
  type: string;
  name: string;
  [field: string]: unknown;
}

/** `GET /api/v1/rules/:name`, one item of `GET /api/v1/rules`. */
export interface RuleView {
  name: string;
  description?: string;
  bus: string;
  enabled: boolean;
  patternDialect: string;
  pattern: Record<string, unknown>;
  labels: Record<string, string>;
  throttle?: Record<string, unknown>;
  dedupe?: Record<string, unknown>;
  group?: Record<string, unknown>;
  targets: TargetView[];
  origin: RuleOrigin;
}

/** `GET /api/v1/rules`. */
export interface RuleList {
  items: RuleView[];
}

/** One problem of `POST /api/v1/rules/validate` (line 0: the text as a whole). */
export interface YamlProblem {
  line: number;
  col: number;
  pointer: string;
  message: string;
}

/** `POST /api/v1/rules/validate`. */
export interface ValidateAnswer {
  valid: boolean;
  problems: YamlProblem[];
  /** The rule as Reflex reads it, when valid. */
  rule?: Record<string, unknown>;
}

/** One condition of an explained pattern test: where it is written, what it wants, what the event has. */
export interface ConditionOutcomeView {
  field: string;
  pointer: string;
  expected: unknown;
  values: (string | number | boolean | null)[];
  valueCount: number;
  holds: boolean;
}

/** Why an event matches or not: the alternative shown (the matching or closest one) and its conditions. */
export interface PatternExplanationView {
  alternatives: number;
  alternative: number;
  splitAcrossArrayElements: boolean;
  conditions: ConditionOutcomeView[];
}

/** `POST /api/v1/patterns/test` (with `explain: true`). */
export interface PatternTestAnswer {
  match: boolean;
  explanation?: PatternExplanationView;
}

/** One target of a backtest item: the request it would send, or why its templates failed. */
export interface BacktestTarget {
  name: string;
  type: string;
  request?: unknown;
  error?: string;
  pointer?: string;
}

/** One would-be match of a backtest. */
export interface BacktestItem {
  event: { seq: number; id: string; source: string; type: string; subject: string | null; time: string | null };
  targets: BacktestTarget[];
}

/** `POST /api/v1/rules/:name/backtest`. */
export interface BacktestResult {
  rule: string;
  bus: string;
  from: string;
  to: string;
  scanned: number;
  matched: number;
  complete: boolean;
  truncated: boolean;
  items: BacktestItem[];
}

/** A delivery (the fields the rules pages read), from `GET /api/v1/deliveries`. */
export interface DeliveryView {
  id: string;
  rule: string;
  target: string;
  status: string;
  createdAt: string;
  finishedAt: string | null;
}

/** `GET /api/v1/deliveries`. */
export interface DeliveryPage {
  items: DeliveryView[];
  nextCursor: string | null;
}

/** A stored event, from `GET /api/v1/events` and `GET /api/v1/events/:id`. */
export interface StoredEventView {
  seq: number;
  bus: string;
  receivedAt: string;
  schemaError: string | null;
  event: { id: string; source: string; type: string; subject?: string; time?: string; [attribute: string]: unknown };
}

/** `GET /api/v1/events`. */
export interface EventPage {
  items: StoredEventView[];
  nextCursor: string | null;
}
