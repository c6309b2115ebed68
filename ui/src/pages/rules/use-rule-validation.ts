// Validation as you type: the editor's text goes to `POST /api/v1/rules/validate` a moment after
// the last keystroke (one request in flight; a newer text aborts the older request), and the
// answer is kept with the text it is about, so the page can tell a fresh answer from the last one.
import { useEffect, useState } from "react";
import type { ApiError } from "../../api/api-error";
import { isAbort, toApiError } from "../../api/api-error";
import { api } from "../../api/client";
import type { ValidateAnswer } from "./types";

/** How long after the last keystroke the text is checked. */
export const VALIDATE_DEBOUNCE_MS = 350;

/** Where checking the text stands. */
export interface RuleValidation {
  /** "idle": nothing asked (text unchanged); "checking": a request is due or under way. */
  status: "idle" | "checking" | "done" | "failed";
  /** The last answer, for `checkedText` (while a newer text is being checked, the one before). */
  answer: ValidateAnswer | undefined;
  /** True when `answer` is about the text as it is now. */
  fresh: boolean;
  /** The text the answer is about. */
  checkedText: string | undefined;
  /** Why the check itself failed (server down, 403…); the text may still be fine. */
  error: ApiError | undefined;
}

/** The last answer (or failure) and the text it was for. */
interface Checked {
  answer: ValidateAnswer | undefined;
  checkedText: string | undefined;
  error: ApiError | undefined;
  /** The text of the last request that finished, answered or failed. */
  text: string | undefined;
  failed: boolean;
}

/** Checks `text` (as the rule `name`, when known) while `active`; idle otherwise. */
export function useRuleValidation(text: string, name: string | undefined, active: boolean): RuleValidation {
  const [result, setResult] = useState<Checked>({ answer: undefined, checkedText: undefined, error: undefined, text: undefined, failed: false });

  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api<ValidateAnswer>("/api/v1/rules/validate", { method: "POST", body: name === undefined ? { yaml: text } : { yaml: text, name }, signal: controller.signal })
        .then((answer) => setResult({ answer, checkedText: text, error: undefined, text, failed: false }))
        .catch((error: unknown) => {
          if (isAbort(error) || controller.signal.aborted) return;
          setResult((r) => ({ ...r, error: toApiError(error, "/api/v1/rules/validate"), text, failed: true }));
        });
    }, VALIDATE_DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text, name, active]);

  if (!active) return { status: "idle", answer: undefined, fresh: false, checkedText: undefined, error: undefined };
  const current = result.text === text;
  return {
    status: !current ? "checking" : result.failed ? "failed" : "done",
    answer: result.answer,
    fresh: result.checkedText === text,
    checkedText: result.checkedText,
    error: current ? result.error : undefined,
  };
}
