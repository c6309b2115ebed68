// Answer shapes shared by several pages. Page-specific shapes live next to their page
// (`pages/<page>/types.ts`); the server's schemas in docs/http-api.md are the contract.

/** The three roles, weakest first. */
export type Role = "viewer" | "operator" | "admin";

/** `GET /api/v1/me`: who the presented token is. */
export interface Me {
  name: string;
  role: Role;
  /** null when the server runs with auth off and no token was sent. */
  tokenId: string | null;
  authMode: "on" | "off";
}

/** A page of a cursor-paginated list (`?limit=&cursor=`). */
export interface Paged<T> {
  items: T[];
  nextCursor?: string | null;
}

/** A delivery: one (event or group, rule, target) and where it stands (`GET /api/v1/deliveries…`). */
export interface DeliveryView {
  id: string;
  rule: string;
  target: string;
  /** The target's type: http, notify, workflow, queue, function. */
  type: string;
  /** pending, delivered or dead. */
  status: string;
  event: { bus: string; source: string; id: string; seq: number };
  eventSeqs: number[];
  groupId: string | null;
  replayId: string | null;
  attemptCount: number;
  redrives: number;
  httpStatus: number | null;
  lastError: string | null;
  /** JSON pointer, in the rule, of the template that failed to render. */
  errorPointer: string | null;
  /** What it sends (inline secrets hidden); null when its templates failed. For a workflow target `{type, workflow, input, event}`. */
  request: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  /** In an event's lineage: the workflow executions this delivery started. */
  executions?: StartedExecution[];
}

/** A workflow execution a delivery started, as the lineage lists it. */
export interface StartedExecution {
  id: string;
  workflow: string;
  status: string;
  createdAt: string;
}

/** One attempt of a delivery. */
export interface AttemptView {
  attempt: number;
  startedAt: string;
  durationMs: number;
  /** delivered or failed. */
  outcome: string;
  httpStatus: number | null;
  /** The start of the response body (at most 4 KiB). */
  response: string | null;
  error: string | null;
}

/** `GET /api/v1/deliveries/{id}`. */
export interface DeliveryDetail extends DeliveryView {
  attempts: AttemptView[];
}
