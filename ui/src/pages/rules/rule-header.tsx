// The top of a rule's page: its name and description, the facts an operator checks first (on or
// off, bus, where it is defined, when it last delivered), and the actions that change it: the
// on/off switch, and Delete for a rule written through the API.
import type { ReactNode } from "react";
import { api } from "../../api/client";
import { useApi } from "../../api/use-api";
import { clearApiCache } from "../../api/use-api";
import { Link, navigate } from "../../app/router";
import { useSession } from "../../app/session";
import { ConfirmButton, PageHeader, StatusBadge, TimeAgo } from "../../components";
import { EnabledToggle } from "./enabled-toggle";
import { isFileOrigin, OriginText } from "./origin-text";
import type { DeliveryPage, RuleView } from "./types";

/** Props of `<RuleHeader>`. */
export interface RuleHeaderProps {
  rule: RuleView;
  onChanged: (rule: RuleView) => void;
}

/** The header of an existing rule. */
export function RuleHeader({ rule, onChanged }: RuleHeaderProps): ReactNode {
  const session = useSession();
  const canDelete = session.can("operator") && !isFileOrigin(rule.origin);
  const remove = async (): Promise<void> => {
    await api(`/api/v1/rules/${encodeURIComponent(rule.name)}`, { method: "DELETE" });
    clearApiCache("/api/v1/rules");
    navigate("/rules");
  };
  return (
    <>
      <PageHeader
        breadcrumb={<Link to="/rules" data-testid="rule-back">← Rules</Link>}
        title={<span className="mono rule-title">{rule.name}</span>}
        subtitle={rule.description}
        actions={
          canDelete ? (
            <ConfirmButton onConfirm={remove} danger confirmLabel="Delete: sure?" testId="rule-delete" title="Delete this API rule; it stops matching at once">
              Delete
            </ConfirmButton>
          ) : undefined
        }
      />
      <div className="rule-facts" data-testid="rule-facts">
        <span className="rule-fact">
          <span className="rule-fact__label">State</span>
          <EnabledToggle rule={rule} onChanged={onChanged} testId="rule-enabled" />
        </span>
        <span className="rule-fact">
          <span className="rule-fact__label">Bus</span>
          <span className="mono" data-testid="rule-bus">
            {rule.bus}
          </span>
        </span>
        <span className="rule-fact">
          <span className="rule-fact__label">Origin</span>
          <OriginText origin={rule.origin} testId="rule-origin" />
        </span>
        <span className="rule-fact">
          <span className="rule-fact__label">Targets</span>
          <span>{rule.targets.length}</span>
        </span>
        <span className="rule-fact">
          <span className="rule-fact__label">Last delivery</span>
          <LastDelivery name={rule.name} />
        </span>
      </div>
    </>
  );
}

/** The rule's newest delivery, asked for by name. */
function LastDelivery({ name }: { name: string }): ReactNode {
  const state = useApi<DeliveryPage>("/api/v1/deliveries", { query: { rule: name, limit: 1 }, pollMs: 30_000 });
  if (state.data === undefined) return <span className="muted">{state.error !== undefined ? "unknown" : "…"}</span>;
  const last = state.data.items[0];
  if (last === undefined) return <span className="muted" data-testid="rule-last-delivery">never</span>;
  return (
    <span className="row" data-testid="rule-last-delivery">
      <TimeAgo time={last.createdAt} />
      <StatusBadge status={last.status} />
      <span className="muted mono">{last.target}</span>
    </span>
  );
}
