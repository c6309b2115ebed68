// The key to the graph's colours: task states and what leads along each kind of edge.
import type { ReactNode } from "react";
import { NODE_STATE_LABEL } from "../statuses";
import type { NodeState } from "../statuses";
import type { EdgeKind } from "./graph-model";

const STATES: NodeState[] = ["waiting", "running", "approval", "paused", "succeeded", "failed", "canceled", "not-run"];
const EDGES: { kind: EdgeKind; label: string }[] = [
  { kind: "ok", label: "on success" },
  { kind: "fail", label: "on failure" },
  { kind: "cond", label: "on a condition" },
  { kind: "always", label: "always" },
];

/** One line of swatches under the graph. */
export function EdgeLegend(): ReactNode {
  return (
    <div className="exec-legend" data-testid="execution-legend">
      {STATES.map((s) => (
        <span key={s} className={`exec-legend__state exec-legend__state--${s}`}>
          <span className="exec-legend__swatch" aria-hidden="true" />
          {NODE_STATE_LABEL[s]}
        </span>
      ))}
      <span className="exec-legend__sep" />
      {EDGES.map((e) => (
        <span key={e.kind} className={`exec-legend__edge exec-legend__edge--${e.kind}`}>
          <svg width="22" height="8" aria-hidden="true">
            <line x1="0" y1="4" x2="22" y2="4" />
          </svg>
          {e.label}
        </span>
      ))}
      <span className="exec-legend__edge exec-legend__edge--back">
        <svg width="22" height="8" aria-hidden="true">
          <line x1="0" y1="4" x2="22" y2="4" />
        </svg>
        loops back
      </span>
      <span className="muted exec-legend__hint">hover an edge for its condition · click a task for its runs</span>
    </div>
  );
}
