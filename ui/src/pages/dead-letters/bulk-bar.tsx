// The bar above the table for operators: how many dead letters are ticked, re-drive them all
// (two clicks: the count is in the question), or clear the ticks.
import type { ReactNode } from "react";
import { ConfirmButton } from "../../components";

/** Props of `<BulkBar>`. */
export interface BulkBarProps {
  count: number;
  total: number;
  onRedrive: () => Promise<void>;
  onClear: () => void;
}

/** Bulk actions on the ticked dead letters. */
export function BulkBar({ count, total, onRedrive, onClear }: BulkBarProps): ReactNode {
  return (
    <div className={`dl-bulk-bar${count > 0 ? " dl-bulk-bar--active" : ""}`} data-testid="dead-letters-bulk">
      <span data-testid="dead-letters-selected-count">{count === 0 ? `Tick dead letters to re-drive several at once (${total} on this page).` : `${count} selected`}</span>
      {count > 0 && (
        <>
          <ConfirmButton onConfirm={onRedrive} confirmLabel={`Re-drive ${count}?`} className="button--primary button--small" testId="dead-letters-redrive-selected">
            Re-drive {count}
          </ConfirmButton>
          <button type="button" className="button button--ghost button--small" onClick={onClear} data-testid="dead-letters-clear-selection">
            Clear
          </button>
        </>
      )}
    </div>
  );
}
