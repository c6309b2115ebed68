// `/approvals`: the inbox of questions workflows ask people. Pending ones first (polled, so a
// new question shows within seconds), answered ones on their own tab; the list on the left,
// the selected approval on the right with its answer form. The tab, the answered-status
// filter, an execution filter, the list size and the selected approval are all in the URL;
// the chat's "Answer" links (`/approvals/<id>`) land here with that approval open.
import { useEffect, useState } from "react";
import type { ReactNode } from "react";
import { useApi } from "../../api/use-api";
import { navigate, queryString } from "../../app/router";
import type { PageProps } from "../../app/router";
import { setQuery, useQuery } from "../../app/query-state";
import { useTitle } from "../../app/title";
import { ApiView, EmptyState, ErrorState, Loading, PageHeader } from "../../components";
import { ApprovalDetail } from "./approval-detail";
import { ApprovalList } from "./approval-list";
import { AnsweredNotice } from "./answered-notice";
import type { Answered } from "./answered-notice";
import { ApprovalTabs } from "./approval-tabs";
import { ANSWERED_STATUSES } from "./types";
import type { Approval, ApprovalList as ApprovalListAnswer, ApprovalStatus } from "./types";
import "../../styles/approvals.css";

const PAGE = 50;
const MAX = 1000;

function limitOf(text: string | undefined): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX) : PAGE;
}

/** `/approvals` (and `/approvals/:id`, which opens one): the inbox. */
export function ApprovalsPage({ params }: PageProps): ReactNode {
  useTitle("Approvals");
  const query = useQuery();
  // `?status=pending` (the overview's link) is the Pending tab; an answered status, the Answered tab's filter.
  const answeredStatus = ANSWERED_STATUSES.find((s) => s === query.status);
  const tab: "pending" | "answered" = query.tab === "answered" || answeredStatus !== undefined ? "answered" : "pending";
  const status: ApprovalStatus | "" = answeredStatus ?? "";
  const executionId = query.executionId;
  const limit = limitOf(query.limit);
  const selectedId = params.id ?? query.id;
  const [answered, setAnswered] = useState<Answered | null>(null);
  // Answered here: left out of the pending list at once, before its reload says so.
  const [gone, setGone] = useState<ReadonlySet<string>>(new Set());

  // `/approvals/<id>` (the chat's link) becomes `/approvals?id=<id>`, so picking another keeps the page.
  useEffect(() => {
    if (params.id !== undefined) navigate(`/approvals${queryString({ ...Object.fromEntries(new URLSearchParams(window.location.search)), id: params.id })}`, { replace: true });
  }, [params.id]);

  const pending = useApi<ApprovalListAnswer>("/api/v1/approvals", { query: { status: "pending", executionId, limit: tab === "pending" ? limit : PAGE }, pollMs: 5000 });
  const done = useApi<ApprovalListAnswer>(tab === "answered" ? "/api/v1/approvals" : null, { query: { status: status === "" ? undefined : status, executionId, limit }, pollMs: 15_000 });
  const pendingItems = (pending.data?.items ?? []).filter((a) => !gone.has(a.id));
  const list = tab === "pending" ? pending : done;
  const items = (list.data?.items ?? []).filter((a) => (tab === "pending" ? a.status === "pending" && !gone.has(a.id) : a.status !== "pending"));
  const more = (list.data?.items.length ?? 0) >= limit && limit < MAX;

  // The selected approval: from the list when it is there, else on its own (a link, or one just answered).
  const listed = selectedId === undefined ? items[0] : [...items, ...pendingItems].find((a) => a.id === selectedId);
  const single = useApi<Approval>(selectedId !== undefined && listed === undefined ? `/api/v1/approvals/${encodeURIComponent(selectedId)}` : null, { pollMs: 10_000 });
  const selected = listed ?? single.data;

  // The detail column: while something is (or is being) selected; an empty inbox takes the width.
  const showDetail = selected !== undefined || (selectedId !== undefined && (single.loading || single.error !== undefined)) || (list.data === undefined && list.error === undefined);
  const hrefOf = (id: string): string => `/approvals${queryString({ ...query, id })}`;

  const onAnswered = (approval: Approval): void => {
    setAnswered({ approval });
    setGone((g) => new Set(g).add(approval.id));
    // Go on to the next question, so a run of them can be answered one after the other.
    const at = pendingItems.findIndex((a) => a.id === approval.id);
    const next = at === -1 ? undefined : (pendingItems[at + 1] ?? pendingItems[at - 1]);
    setQuery({ id: tab === "pending" ? next?.id : approval.id });
    void pending.refetch();
    if (tab === "answered") void done.refetch();
  };
  const onStale = (): void => {
    void pending.refetch();
    void single.refetch();
    if (tab === "answered") void done.refetch();
  };

  return (
    <>
      <PageHeader title="Approvals" subtitle="Questions workflows ask people: answer them here; what was answered, by whom and with what stays on the Answered tab." />
      {answered !== null && <AnsweredNotice answered={answered} onClose={() => setAnswered(null)} />}
      <ApprovalTabs tab={tab} pendingCount={pending.data === undefined ? undefined : pendingItems.length} pendingCapped={(pending.data?.items.length ?? 0) >= (tab === "pending" ? limit : PAGE)} status={status} executionId={executionId} />
      <div className={`approvals-layout${showDetail ? "" : " approvals-layout--single"}`}>
        <section className="approvals-layout__list" aria-label={tab === "pending" ? "Pending approvals" : "Answered approvals"}>
          <ApiView
            state={list}
            isEmpty={() => items.length === 0}
            empty={
              tab === "pending" ? (
                <EmptyState title="Nothing waiting for an answer">
                  When a workflow asks a person (a <code>core.approve</code> task) or runs out of its budget, the question appears here{executionId === undefined ? "" : " (for this execution)"}.
                </EmptyState>
              ) : (
                <EmptyState title={status === "" ? "No answered approvals yet" : `No ${status} approvals`}>Approvals answered, expired or canceled are listed here, newest first.</EmptyState>
              )
            }
          >
            {() => (
              <>
                <ApprovalList items={items} selectedId={selected?.id} hrefOf={hrefOf} />
                {more && (
                  <button type="button" className="button button--ghost approvals-more" onClick={() => setQuery({ limit: String(Math.min(MAX, limit + PAGE)) })} data-testid="approvals-more">
                    Show {PAGE} more
                  </button>
                )}
              </>
            )}
          </ApiView>
        </section>
        {showDetail && (
          <section className="approvals-layout__detail" aria-label="Selected approval">
            {selected !== undefined ? (
              <ApprovalDetail key={selected.id} approval={selected} onAnswered={onAnswered} onStale={onStale} />
            ) : single.error !== undefined ? (
              <ErrorState error={single.error} onRetry={() => void single.refetch()} title={single.error.status === 404 ? "There is no such approval" : undefined} />
            ) : (
              <Loading rows={6} />
            )}
          </section>
        )}
      </div>
    </>
  );
}
