// Checks the pattern box as it is typed: JSON first (in the browser), then the pattern itself
// with the server (`POST /api/v1/patterns/test` against a probe event), whose problem names the
// JSON pointer of the fault — the same check the search would make, before the search is run.
import { useEffect, useState } from "react";
import { ApiError, isAbort } from "../../api/api-error";
import { api } from "../../api/client";

/** What is known of the pattern text. */
export type PatternCheck =
  | { state: "empty" }
  | { state: "checking" }
  | { state: "valid" }
  | { state: "invalid"; message: string; pointer?: string; errors: readonly { pointer?: string; message: string }[] }
  /** The server could not be asked (network): the search will tell. */
  | { state: "unknown"; message: string };

/** Any event will do: the server compiles the pattern before it matches. */
const PROBE = { specversion: "1.0", id: "console-pattern-check", source: "console", type: "console.check" };

/** The JSON parse error of `text`, or null when it parses to an object. */
export function jsonProblem(text: string): string | null {
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) return "a pattern is a JSON object, e.g. {\"source\": [\"app.shop\"]}";
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The check of `text` (debounced by `delayMs`); `dialect` is the API's (`eventbridge` or default). */
export function usePatternCheck(text: string, dialect: string | undefined, delayMs = 350): PatternCheck {
  const [check, setCheck] = useState<PatternCheck>({ state: "empty" });
  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === "") {
      setCheck({ state: "empty" });
      return;
    }
    const problem = jsonProblem(trimmed);
    if (problem !== null) {
      setCheck({ state: "invalid", message: `Not JSON: ${problem}`, errors: [] });
      return;
    }
    setCheck({ state: "checking" });
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api<{ match: boolean }>("/api/v1/patterns/test", { method: "POST", body: { pattern: JSON.parse(trimmed) as unknown, event: PROBE, ...(dialect === undefined ? {} : { dialect }) }, signal: controller.signal })
        .then(() => setCheck({ state: "valid" }))
        .catch((error: unknown) => {
          if (isAbort(error)) return;
          if (error instanceof ApiError && error.status === 400) setCheck({ state: "invalid", message: error.detail, pointer: error.pointer, errors: error.errors });
          else setCheck({ state: "unknown", message: error instanceof Error ? error.message : String(error) });
        });
    }, delayMs);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text, dialect, delayMs]);
  return check;
}
