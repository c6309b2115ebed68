// The edges of the graph: one curve per (task → task) pair, coloured by what leads along it
// (success green, failure red, unconditional grey, any other condition blue), solid and
// stronger when this run most likely took it, dashed when it loops back. Each has a wide
// invisible twin that catches the mouse, so hovering shows its `when`s (the tooltip itself
// lives in graph-view.tsx). Memoised: live updates of task states do not redraw the edges.
import { memo, useMemo } from "react";
import type { MouseEvent, ReactNode } from "react";
import { edgePath } from "./edge-path";
import type { EdgeKind, GraphEdge } from "./graph-model";
import type { Layout } from "./layout";

/** The arrowhead marker id of an edge kind. */
export function markerId(kind: EdgeKind): string {
  return `exec-arrow-${kind}`;
}

/** Arrowheads, one per kind (markers cannot take the colour of the line that uses them everywhere). */
export function EdgeMarkers(): ReactNode {
  const kinds: EdgeKind[] = ["ok", "fail", "always", "cond"];
  return (
    <>
      {kinds.map((kind) => (
        <marker key={kind} id={markerId(kind)} viewBox="0 0 10 10" refX={9} refY={5} markerWidth={9} markerHeight={9} markerUnits="userSpaceOnUse" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className={`exec-arrow exec-arrow--${kind}`} />
        </marker>
      ))}
    </>
  );
}

/** Props of `<GraphEdges>`. */
export interface GraphEdgesProps {
  layout: Layout;
  edges: readonly GraphEdge[];
  taken: ReadonlySet<string>;
  /** The selected task: its edges are drawn on top, stronger. */
  selected: string | undefined;
  /** Called with the edge under the mouse (and where the mouse is), or null when it leaves. */
  onHover: (edge: GraphEdge | null, event?: MouseEvent<SVGPathElement>) => void;
}

function GraphEdgesImpl({ layout, edges, taken, selected, onHover }: GraphEdgesProps): ReactNode {
  // Path data depends on the layout only.
  const paths = useMemo(() => layout.edges.map((route) => edgePath(route, layout.direction)), [layout]);
  // Related edges last, so they are painted over the others.
  const routed = layout.edges.map((route, i) => ({ route, d: paths[i] ?? "" })).sort((a, b) => Number(a.route.from === selected || a.route.to === selected) - Number(b.route.from === selected || b.route.to === selected));
  return (
    <g className="exec-edges">
      {routed.map(({ route, d }) => {
        const edge = edges[route.index];
        if (edge === undefined) return null;
        const related = selected !== undefined && (edge.from === selected || edge.to === selected);
        const classes = ["exec-edge", `exec-edge--${edge.kind}`, taken.has(edge.key) ? "is-taken" : "", route.back ? "is-back" : "", related ? "is-related" : ""].filter(Boolean).join(" ");
        return (
          <g key={edge.key} className={classes} data-testid="execution-edge" data-from={edge.from} data-to={edge.to} data-kind={edge.kind} data-taken={taken.has(edge.key)}>
            <path className="exec-edge__line" d={d} markerEnd={`url(#${markerId(edge.kind)})`} />
            <path className="exec-edge__hit" d={d} onMouseEnter={(e) => onHover(edge, e)} onMouseLeave={() => onHover(null)} />
          </g>
        );
      })}
    </g>
  );
}

/** All edges of the graph. */
export const GraphEdges = memo(GraphEdgesImpl);
