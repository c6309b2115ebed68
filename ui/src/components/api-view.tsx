// The loading/error/empty/data decision every data view makes, in one place: skeleton on the
// first load, the error with Retry when it failed, the empty state when there is nothing, and
// otherwise the content (also while a reload runs, so nothing flickers).
import type { ReactNode } from "react";
import type { ApiState } from "../api/use-api";
import { ErrorState } from "./error-state";
import { Loading } from "./loading";

/** Props of `<ApiView>`. */
export interface ApiViewProps<T> {
  state: ApiState<T>;
  children: (data: T) => ReactNode;
  /** When it returns true for the data, `empty` is shown instead of the children. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  /** Skeleton rows for the first load (default 5), or a custom placeholder. */
  loading?: number | ReactNode;
}

/** Renders one `useApi` result with the right state. */
export function ApiView<T>({ state, children, isEmpty, empty, loading = 5 }: ApiViewProps<T>): ReactNode {
  if (state.data === undefined) {
    if (state.error !== undefined) return <ErrorState error={state.error} onRetry={() => void state.refetch()} />;
    return typeof loading === "number" ? <Loading rows={loading} /> : loading;
  }
  return (
    <>
      {state.error !== undefined && <ErrorState error={state.error} onRetry={() => void state.refetch()} title="Could not refresh; showing the last data" />}
      {isEmpty?.(state.data) === true && empty !== undefined ? empty : children(state.data)}
    </>
  );
}
