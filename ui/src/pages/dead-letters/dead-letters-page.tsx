// `/dead-letters`: deliveries that ran out of attempts (or could not be rendered), newest
// first, a page at a time. Filter by rule; open one to see its attempts and the input it
// sends; re-drive it, or tick several and re-drive them together, seeing what became of each.
// The rule filter, the page (cursor) and the open delivery are in the URL.
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { useApi } from "../../api/use-api";
import { queryString } from "../../app/router";
import type { PageProps } from "../../app/router";
import { setQuery, useQuery } from "../../app/query-state";
import { useSession } from "../../app/session";
import { useTitle } from "../../app/title";
import { ApiView, EmptyState, PageHeader } from "../../components";
import { BulkBar } from "./bulk-bar";
import { DeadLetterTable } from "./dead-letter-table";
import { DeliveryInspector } from "./delivery-inspector";
import { redriveMany } from "./redrive";
import { RedriveResults } from "./redrive-results";
import type { RedriveRun } from "./redrive-results";
import { RuleFilter } from "./rule-filter";
import type { DeliveryPage } from "./types";
import "../../styles/dead-letters.css";

const PAGE = 50;

function limitOf(text: string | undefined): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : PAGE;
}

/** `/dead-letters`: inspect and re-drive. */
export function DeadLettersPage(_props: PageProps): ReactNode {
  useTitle("Dead letters");
  const session = useSession();
  const query = useQuery();
  const rule = query.rule;
  const cursor = query.cursor;
  const openId = query.id;
  const limit = limitOf(query.limit);

  // The first page is live (new dead letters appear); later pages hold still while read.
  const list = useApi<DeliveryPage>("/api/v1/deliveries", { query: { status: "dead", rule, limit, cursor }, pollMs: cursor === undefined ? 15_000 : undefined });
  const rows = useMemo(() => list.data?.items ?? [], [list.data]);

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [run, setRun] = useState<RedriveRun | null>(null);
  // A new filter or page starts a new selection; rows that left the list leave it too.
  useEffect(() => setSelected(new Set()), [rule, cursor]);
  useEffect(() => {
    setSelected((s) => {
      const present = new Set(rows.map((r) => r.id));
      const kept = [...s].filter((id) => present.has(id));
      return kept.length === s.size ? s : new Set(kept);
    });
  }, [rows]);

  const hrefOf = useCallback((id: string): string => `/dead-letters${queryString({ ...query, id })}`, [query]);
  const close = useCallback(() => setQuery({ id: undefined }), []);

  const redriveSelected = async (): Promise<void> => {
    const ids = rows.filter((r) => selected.has(r.id)).map((r) => r.id);
    if (ids.length === 0) return;
    const labels = new Map(rows.map((r) => [r.id, `${r.rule} → ${r.target} · ${r.event.id}`]));
    const results = await redriveMany(ids);
    setRun({ results, labels });
    setSelected(new Set());
    await list.refetch();
  };

  const canRedrive = session.can("operator");
  const filtered = rule !== undefined && rule !== "";

  return (
    <>
      <PageHeader title="Dead letters" subtitle="Deliveries that ran out of attempts or could not be rendered, newest first. Open one to see why; re-drive it once the cause is fixed." />
      <div className="dead-letters-toolbar">
        <RuleFilter value={rule ?? ""} />
        {canRedrive && rows.length > 0 ? <BulkBar count={selected.size} total={rows.length} onRedrive={redriveSelected} onClear={() => setSelected(new Set())} /> : <span className="dl-inspector__spacer" />}
        <button type="button" className="button" onClick={() => void list.refetch()} disabled={list.loading} data-testid="dead-letters-refresh">
          Refresh
        </button>
      </div>
      {run !== null && <RedriveResults run={run} hrefOf={hrefOf} onClose={() => setRun(null)} />}
      <div className={`dead-letters-layout${openId === undefined ? "" : " dead-letters-layout--open"}`}>
        <section className="dead-letters-layout__list" aria-label="Dead letters">
          <ApiView
            state={list}
            isEmpty={(d) => d.items.length === 0}
            empty={
              <EmptyState
                title={filtered ? `No dead letters for rule ${rule}` : cursor !== undefined ? "No more dead letters" : "No dead letters"}
                action={
                  filtered || cursor !== undefined ? (
                    <button type="button" className="button" onClick={() => setQuery({ rule: undefined, cursor: undefined, id: undefined })} data-testid="dead-letters-show-all">
                      {filtered ? "Show every rule" : "Back to the first page"}
                    </button>
                  ) : undefined
                }
              >
                Every delivery got through or is still being tried. A delivery dies when its target refuses it on every attempt, or at once when its templates fail.
              </EmptyState>
            }
          >
            {(d) => (
              <>
                <DeadLetterTable
                  rows={d.items}
                  openId={openId}
                  hrefOf={hrefOf}
                  onOpen={(id) => setQuery({ id })}
                  selection={canRedrive ? { selected, onChange: (next) => setSelected(next) } : undefined}
                  compact={openId !== undefined}
                />
                <nav className="dead-letters-pager" aria-label="Pages">
                  <span className="muted" data-testid="dead-letters-count">
                    {d.items.length} dead letter{d.items.length === 1 ? "" : "s"} {cursor === undefined ? "" : "on this page"}
                    {d.nextCursor === null ? "" : ", more on the next page"}
                  </span>
                  <span className="dl-inspector__spacer" />
                  {cursor !== undefined && (
                    <button type="button" className="button button--small" onClick={() => setQuery({ cursor: undefined, id: undefined }, { push: true })} data-testid="dead-letters-first-page">
                      ← Newest
                    </button>
                  )}
                  {d.nextCursor !== null && (
                    <button type="button" className="button button--small" onClick={() => setQuery({ cursor: d.nextCursor ?? undefined, id: undefined }, { push: true })} data-testid="dead-letters-next-page">
                      Older →
                    </button>
                  )}
                </nav>
              </>
            )}
          </ApiView>
        </section>
        {openId !== undefined && (
          <section className="dead-letters-layout__inspector">
            <DeliveryInspector key={openId} id={openId} onClose={close} onRedriven={() => void list.refetch()} />
          </section>
        )}
      </div>
    </>
  );
}
