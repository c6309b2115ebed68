// Where a rule comes from, said the same way everywhere: "API" for a rule written through the
// API, the config file's tail and line for one from a config file (the full path on hover).
// A file rule is read-only in the console: the API refuses to change it (409).
import type { ReactNode } from "react";
import type { RuleOrigin } from "./types";

/** True when the rule comes from a config file (and so is read-only here). */
export function isFileOrigin(origin: RuleOrigin): origin is { file: string; line: number; col: number } {
  return origin !== "api";
}

/** The file name of a path: `examples/a/rollback.yaml` → `rollback.yaml` (the full path is on hover). */
export function shortPath(file: string): string {
  const parts = file.split(/[\\/]/).filter((p) => p !== "");
  return parts[parts.length - 1] ?? file;
}

/** Why a file rule cannot be changed here, in one sentence. */
export function readOnlyReason(origin: RuleOrigin): string {
  if (!isFileOrigin(origin)) return "";
  return `Defined in ${origin.file}:${origin.line}; rules from config files are read-only here (the API refuses to change them): edit the file instead.`;
}

/** "API" or `file.yaml:12` with a lock. */
export function OriginText({ origin, testId }: { origin: RuleOrigin; testId?: string }): ReactNode {
  if (!isFileOrigin(origin)) {
    return (
      <span className="rule-origin rule-origin--api" data-testid={testId} data-origin="api" title="Written through the API: editable here">
        API
      </span>
    );
  }
  return (
    <span className="rule-origin rule-origin--file" data-testid={testId} data-origin="file" title={readOnlyReason(origin)}>
      <LockIcon />
      <span className="mono truncate">
        {shortPath(origin.file)}:{origin.line}
      </span>
    </span>
  );
}

/** A small padlock: read-only. */
export function LockIcon(): ReactNode {
  return (
    <svg className="rule-lock" viewBox="0 0 16 16" aria-label="read-only" role="img">
      <rect x="3" y="7" width="10" height="7" rx="1.5" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
    </svg>
  );
}
