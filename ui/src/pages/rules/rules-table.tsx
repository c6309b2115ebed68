// The rules list's table: name (and description), bus, the on/off switch, targets, origin and
// the last delivery. A row opens the rule; the switch works in place.
import type { ReactNode } from "react";
import { Link, pathTo } from "../../app/router";
import { DataTable, StatusBadge, TimeAgo } from "../../components";
import type { Column } from "../../components";
import { EnabledToggle } from "./enabled-toggle";
import { OriginText } from "./origin-text";
import { TargetChips } from "./target-chips";
import type { DeliveryView, RuleView } from "./types";
import { LAST_DELIVERY_SCAN } from "./use-last-deliveries";

/** Props of `<RulesTable>`. */
export interface RulesTableProps {
  rules: readonly RuleView[];
  lastDelivery: ReadonlyMap<string, DeliveryView>;
  /** False while the deliveries are not known (loading or failed): the column shows nothing. */
  deliveriesKnown: boolean;
  onChanged: (rule: RuleView) => void;
  empty: ReactNode;
}

/** The link to a rule's page. */
export function rulePath(name: string): string {
  return pathTo("/rules/:name", { name });
}

/** The table of rules. */
export function RulesTable({ rules, lastDelivery, deliveriesKnown, onChanged, empty }: RulesTableProps): ReactNode {
  const columns: Column<RuleView>[] = [
    {
      key: "name",
      header: "Rule",
      sortValue: (r) => r.name,
      render: (r) => (
        <div className="rules-name">
          <Link to={rulePath(r.name)} className="rules-name__link mono" data-testid="rules-row-link">
            {r.name}
          </Link>
          {r.description !== undefined && (
            <div className="rules-name__description muted truncate" title={r.description}>
              {r.description}
            </div>
          )}
        </div>
      ),
    },
    { key: "bus", header: "Bus", width: "8rem", sortValue: (r) => r.bus, nowrap: true, render: (r) => <span className="mono">{r.bus}</span> },
    {
      key: "enabled",
      header: "Enabled",
      width: "7.5rem",
      sortValue: (r) => (r.enabled ? 0 : 1),
      render: (r) => <EnabledToggle rule={r} onChanged={onChanged} testId={`rules-toggle-${r.name}`} />,
    },
    { key: "targets", header: "Targets", render: (r) => <TargetChips targets={r.targets} /> },
    { key: "origin", header: "Origin", width: "15rem", sortValue: (r) => (r.origin === "api" ? "" : `${r.origin.file}:${String(r.origin.line).padStart(6, "0")}`), render: (r) => <OriginText origin={r.origin} testId="rules-row-origin" /> },
    {
      key: "last",
      header: "Last delivery",
      width: "10rem",
      nowrap: true,
      sortValue: (r) => lastDelivery.get(r.name)?.createdAt ?? "",
      render: (r) => <LastDelivery delivery={lastDelivery.get(r.name)} known={deliveriesKnown} />,
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={rules}
      rowKey={(r) => r.name}
      rowHref={(r) => rulePath(r.name)}
      rowClassName={(r) => (r.enabled ? undefined : "rules-row--off")}
      testId="rules-table"
      rowTestId={() => "rules-row"}
      empty={empty}
    />
  );
}

function LastDelivery({ delivery, known }: { delivery: DeliveryView | undefined; known: boolean }): ReactNode {
  if (!known) return <span className="muted">…</span>;
  if (delivery === undefined) {
    return (
      <span className="muted" title={`No delivery among the newest ${LAST_DELIVERY_SCAN} of all rules`}>
        —
      </span>
    );
  }
  return (
    <span className="rules-last" title={`${delivery.target}: ${delivery.status}`} data-testid="rules-row-last">
      <TimeAgo time={delivery.createdAt} />
      <StatusBadge status={delivery.status} label="" />
    </span>
  );
}
