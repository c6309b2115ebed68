// One event (`/events/:id?bus=&source=`): its facts, the envelope as pretty JSON, and its
// lineage — the rules it matched and what each made of it, the deliveries with their attempts
// and the executions they started. Operators may replay the event and re-drive dead deliveries.
// While a delivery is still pending the page reloads every 3 seconds.
import { useEffect, useState } from "react";
import type { ReactNode } from "react";
import { useQuery } from "../../app/query-state";
import { Link, pathTo } from "../../app/router";
import type { PageProps } from "../../app/router";
import { useSession } from "../../app/session";
import { useTitle } from "../../app/title";
import { useApi } from "../../api/use-api";
import { ApiView, JsonView, PageHeader, Skeleton } from "../../components";
import "../../styles/events.css";
import { DeliveryItem } from "./delivery-item";
import { EventFacts } from "./event-facts";
import { LineageMatches } from "./lineage-matches";
import { ReplayButton } from "./replay-button";
import type { EventDetail } from "./types";

/** Deliveries opened (attempts loaded) when the page opens. */
const OPEN_AT_FIRST = 4;

/** `/events/:id`: one event and its lineage. */
export function EventDetailPage({ params }: PageProps): ReactNode {
  const id = params.id ?? "";
  const query = useQuery();
  const session = useSession();
  const path = id === "" ? null : pathTo("/api/v1/events/:id", { id });
  const [busy, setBusy] = useState(false);
  const state = useApi<EventDetail>(path, { query: { bus: query.bus, source: query.source }, pollMs: busy ? 3000 : undefined });
  const stored = state.data;
  // Poll while a delivery is still under way.
  const underWay = stored?.lineage.deliveries.some((d) => d.status === "pending") === true;
  useEffect(() => setBusy(underWay), [underWay]);
  useTitle(stored === undefined ? "Event" : `${stored.event.type} · Event`);

  return (
    <>
      <PageHeader
        breadcrumb={<Link to="/events">← Events</Link>}
        title={stored === undefined ? "Event" : <span className="events-detail__title">{stored.event.type}</span>}
        subtitle={
          stored === undefined ? (
            <span className="mono">{id}</span>
          ) : (
            <>
              from <span className="mono">{stored.event.source}</span>
              {stored.event.subject !== undefined && (
                <>
                  {" "}
                  about <span className="mono">{stored.event.subject}</span>
                </>
              )}
            </>
          )
        }
        actions={
          stored !== undefined && (
            <>
              <Link className="button button--ghost" to={pathTo("/events", {}, { source: stored.event.source, type: stored.event.type })} data-testid="event-similar">
                Same source and type
              </Link>
              {stored.event.subject !== undefined && (
                <Link className="button button--ghost" to={pathTo("/events", {}, { subject: stored.event.subject })} data-testid="event-same-subject">
                  Same subject
                </Link>
              )}
              {session.can("operator") && <ReplayButton stored={stored} onDone={() => void state.refetch()} />}
            </>
          )
        }
      />
      <ApiView state={state} loading={<DetailSkeleton />}>
        {(d) => (
          <div className="events-detail" data-testid="event-detail">
            <EventFacts stored={d} />
            <div className="events-detail__columns">
              <div className="events-detail__lineage stack">
                <section className="events-section" data-testid="event-lineage-matches">
                  <h2>
                    Rules matched <span className="events-count">{d.lineage.matches.length}</span>
                  </h2>
                  <LineageMatches matches={d.lineage.matches} />
                </section>
                <section className="events-section" data-testid="event-lineage-deliveries">
                  <h2>
                    Deliveries <span className="events-count">{d.lineage.deliveries.length}</span>
                  </h2>
                  {d.lineage.deliveries.length === 0 ? (
                    <p className="muted events-note" data-testid="event-deliveries-empty">
                      {d.lineage.matches.length === 0 ? "Nothing was delivered: no rule matched." : "Nothing was delivered (throttled, deduplicated, still grouping, or failed before delivering)."}
                    </p>
                  ) : (
                    <ul className="events-deliveries">
                      {d.lineage.deliveries.map((delivery, i) => (
                        <DeliveryItem key={delivery.id} delivery={delivery} initiallyOpen={i < OPEN_AT_FIRST} onChanged={() => void state.refetch()} />
                      ))}
                    </ul>
                  )}
                </section>
              </div>
              <section className="events-section events-detail__envelope" data-testid="event-envelope">
                <h2>Envelope</h2>
                <JsonView value={d.event} openDepth={3} testId="event-json" />
              </section>
            </div>
          </div>
        )}
      </ApiView>
    </>
  );
}

function DetailSkeleton(): ReactNode {
  return (
    <div className="events-detail" data-testid="loading" role="status" aria-busy="true" aria-label="Loading">
      <div className="card">
        <Skeleton height="3rem" />
      </div>
      <div className="events-detail__columns">
        <div className="card stack">
          <Skeleton width="40%" />
          <Skeleton height="6rem" />
        </div>
        <div className="card">
          <Skeleton height="12rem" />
        </div>
      </div>
    </div>
  );
}
