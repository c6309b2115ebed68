// What a page shows when there is nothing to list: say so plainly, say why if known, and offer
// the next step (clear the filters, create one…).
import type { ReactNode } from "react";

/** Props of `<EmptyState>`. */
export interface EmptyStateProps {
  title: ReactNode;
  /** A sentence or two: why it is empty, what would fill it. */
  children?: ReactNode;
  /** A button or link for the next step. */
  action?: ReactNode;
  testId?: string;
}

/** A calm "nothing here" panel. */
export function EmptyState({ title, children, action, testId = "empty-state" }: EmptyStateProps): ReactNode {
  return (
    <div className="empty-state" data-testid={testId} role="status">
      <svg className="empty-state__icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M4 7h16v11a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2zM4 7l2-3h12l2 3M9 11h6" />
      </svg>
      <div className="empty-state__title">{title}</div>
      {children !== undefined && <div className="empty-state__body">{children}</div>}
      {action !== undefined && <div className="empty-state__action">{action}</div>}
    </div>
  );
}
