// Loading placeholders: grey skeleton lines in the shape of what is coming, so the page does
// not jump when data arrives. Shown only for first loads; reloads keep the old data visible.
import type { CSSProperties, ReactNode } from "react";

/** Props of `<Loading>`. */
export interface LoadingProps {
  /** How many skeleton rows (default 5). */
  rows?: number;
  /** A label for screen readers (default "Loading"). */
  label?: string;
  testId?: string;
}

/** Skeleton rows standing in for a table or list. */
export function Loading({ rows = 5, label = "Loading", testId = "loading" }: LoadingProps): ReactNode {
  return (
    <div className="loading" data-testid={testId} role="status" aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} width={`${92 - ((i * 17) % 30)}%`} />
      ))}
    </div>
  );
}

/** One skeleton block; `width`/`height` as CSS lengths. */
export function Skeleton({ width = "100%", height = "1rem", style }: { width?: string; height?: string; style?: CSSProperties }): ReactNode {
  return <span className="skeleton" style={{ width, height, ...style }} />;
}

/** A small inline spinner, e.g. inside a button while its action runs. */
export function Spinner({ label = "Working" }: { label?: string }): ReactNode {
  return <span className="spinner" role="status" aria-label={label} />;
}
