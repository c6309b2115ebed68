// `core.approve`: a task that waits for a person's decision (StackStorm's inquiries, ChatOps
// confirmations). Waiting is durable — it must survive restarts and can last days — so the
// workflow engine carries it out: it recognises APPROVE_ACTION, records a pending approval
// from this input, parks the task in `pending`, and resumes it on an answer or at the timeout.
// This file only states the input, so workflows using it are validated like any other.
import { ActionError } from "../action-error.js";
import type { JsonObject } from "../../core/json.js";
import { DURATION_FORMAT } from "../../core/duration.js";
import type { ActionDefinition } from "../types.js";

/** The ref the engine handles itself instead of calling `run`. */
export const APPROVE_ACTION = "core.approve";

/** Input of `core.approve`. */
export type ApproveInput = {
  /** What the approver is asked. */
  message: string;
  /** JSON Schema (2020-12) the answer's `response` must fit. */
  schema?: JsonObject;
  /** Who may answer; absent: anyone allowed to answer approvals. */
  approvers?: { roles?: string[]; users?: string[] };
  /** How long to wait: a duration (`30m`, `2h`) or milliseconds; absent: no limit. */
  timeout?: string | number;
  /** The outcome when the timeout passes; needs `timeout`. Default `reject`. */
  default?: "approve" | "reject";
};

const names = { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true };

/** `core.approve`: its input schema; `run` is never called by the engine. */
export const approveAction: ActionDefinition<ApproveInput> = {
  ref: APPROVE_ACTION,
  description: "Waits for a person to approve or reject (carried out by the workflow engine).",
  inputSchema: {
    type: "object",
    additionalProperties: false,
    required: ["message"],
    properties: {
      message: { type: "string", minLength: 1, maxLength: 65_536, description: "what the approver is asked" },
      schema: { type: "object", description: "JSON Schema of the answer's response" },
      approvers: {
        type: "object",
        additionalProperties: false,
        properties: { roles: names, users: names },
      },
      timeout: {
        description: "a duration such as 30m, 2h or 7d, or a number of milliseconds",
        anyOf: [
          { type: "string", format: DURATION_FORMAT },
          { type: "number", minimum: 0 },
        ],
      },
      default: { enum: ["approve", "reject"] },
    },
    dependentRequired: { default: ["timeout"] },
  },
  // Not a run's limit: the engine waits for an answer (up to the input's `timeout`), it does not run this.
  timeoutMs: 0,
  run: () => Promise.reject(new ActionError(`${APPROVE_ACTION} is carried out by the workflow engine, which waits for an answer; it cannot be run as a plain action`, { retryable: false, code: "approval_not_runnable" })),
};
