// What a page shows when its data did not load: the server's own explanation (problem+json
// detail), the status, and a Retry button — never a blank page or a raw stack.
import type { ReactNode } from "react";
import { ApiError } from "../api/api-error";

/** Props of `<ErrorState>`. */
export interface ErrorStateProps {
  error: Error;
  /** Shows a Retry button calling this. */
  onRetry?: () => void;
  /** A heading; defaults to one that fits the status. */
  title?: ReactNode;
  testId?: string;
}

function headingFor(error: Error): string {
  if (!(error instanceof ApiError)) return "Something went wrong";
  if (error.status === 0) return "The server did not answer";
  if (error.status === 403) return "Your token may not see this";
  if (error.status === 404) return "Not found";
  if (error.status >= 500) return "The server failed";
  return error.title;
}

/** An error panel with the server's message and an optional Retry. */
export function ErrorState({ error, onRetry, title, testId = "error-state" }: ErrorStateProps): ReactNode {
  const api = error instanceof ApiError ? error : undefined;
  return (
    <div className="error-state" data-testid={testId} role="alert">
      <div className="error-state__title">{title ?? headingFor(error)}</div>
      <div className="error-state__detail">{error.message}</div>
      {api !== undefined && api.errors.length > 0 && (
        <ul className="error-state__items">
          {api.errors.map((item, i) => (
            <li key={i}>
              {item.pointer !== undefined && <code>{item.pointer}</code>} {item.message}
            </li>
          ))}
        </ul>
      )}
      <div className="error-state__meta">
        {api !== undefined && api.status > 0 && <span>HTTP {api.status} · {api.code}</span>}
        {onRetry !== undefined && (
          <button type="button" className="button" onClick={onRetry} data-testid={`${testId}-retry`}>
            Retry
          </button>
        )}
      </div>
    </div>
  );
}

/** A one-line inline error (under a form field or a button). */
export function InlineError({ error, testId = "inline-error" }: { error: Error | string | undefined | null; testId?: string }): ReactNode {
  if (error === undefined || error === null || error === "") return null;
  return (
    <div className="inline-error" role="alert" data-testid={testId}>
      {typeof error === "string" ? error : error.message}
    </div>
  );
}
