// The workflow graph of an execution: edges, then task nodes, in one SVG inside a scrolling box
// with zoom buttons (and ctrl+wheel, drag to pan), a tooltip with an edge's conditions on
// hover, and a legend. Arrow keys walk the graph from the focused task (along edges and along
// its layer) and select as they go; Enter selects (Escape, handled by the page, deselects).
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { CSSProperties, KeyboardEvent, MouseEvent, ReactNode } from "react";
import { isLive } from "../statuses";
import { EdgeLegend } from "./graph-legend";
import type { GraphEdge, GraphModel } from "./graph-model";
import { EdgeMarkers, GraphEdges } from "./graph-edges";
import { GraphNode, NODE_CLIP_ID } from "./graph-node";
import type { Direction, Layout } from "./layout";
import type { TaskRunInfo } from "./run-state";
import { usePanZoom } from "./use-pan-zoom";

/** Props of `<GraphView>`. */
export interface GraphViewProps {
  model: GraphModel;
  layout: Layout;
  info: ReadonlyMap<string, TaskRunInfo>;
  taken: ReadonlySet<string>;
  selected: string | undefined;
  onSelect: (task: string | undefined) => void;
  /** Task names whose action is a workflow. */
  subworkflows: ReadonlySet<string>;
  /** Ticks while the execution runs (running tasks show their time). */
  now: number;
  direction: Direction;
  onDirection: (direction: Direction) => void;
  /** The execution's status (the graph is dimmed for nothing; shown for the live hint). */
  executionStatus: string;
}

interface Hover {
  edge: GraphEdge;
  x: number;
  y: number;
  /** The frame's size, to open the tooltip towards the roomier side. */
  width: number;
  height: number;
}

/** The graph with its toolbar and legend. */
export function GraphView(props: GraphViewProps): ReactNode {
  const { model, layout, info, taken, selected, onSelect, subworkflows, now, direction, onDirection, executionStatus } = props;
  const box = useRef<HTMLDivElement | null>(null);
  const frame = useRef<HTMLDivElement | null>(null);
  const resetKey = `${model.ids.join("\u0000")}|${direction}`;
  // A shared link with a selected task opens on that task.
  const initialFocus = selected === undefined ? undefined : layout.nodes.get(selected);
  const zoom = usePanZoom(box, layout.width, layout.height, resetKey, initialFocus);
  const [hover, setHover] = useState<Hover | null>(null);

  const onHover = useCallback((edge: GraphEdge | null, event?: MouseEvent<SVGPathElement>) => {
    const rect = frame.current?.getBoundingClientRect();
    if (edge === null || event === undefined || rect === undefined) setHover(null);
    else setHover({ edge, x: event.clientX - rect.left, y: event.clientY - rect.top, width: rect.width, height: rect.height });
  }, []);
  const select = useCallback((name: string) => onSelect(name), [onSelect]);

  // A selected task out of sight (a click in the runs list, a task button) is scrolled into view.
  const reveal = zoom.reveal;
  useEffect(() => {
    const node = selected === undefined ? undefined : layout.nodes.get(selected);
    if (node !== undefined) reveal(node);
  }, [selected, layout, reveal]);

  // Neighbours for keyboard walking.
  const walk = useMemo(() => {
    const next = new Map<string, string[]>();
    const prev = new Map<string, string[]>();
    for (const e of model.edges) {
      if (e.from === e.to) continue;
      next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
      prev.set(e.to, [...(prev.get(e.to) ?? []), e.from]);
    }
    const layers = new Map<number, string[]>();
    for (const n of layout.nodes.values()) layers.set(n.layer, [...(layers.get(n.layer) ?? []), n.id]);
    for (const list of layers.values()) list.sort((a, b) => (layout.nodes.get(a)?.order ?? 0) - (layout.nodes.get(b)?.order ?? 0));
    return { next, prev, layers };
  }, [model, layout]);

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>): void => {
    const from = (event.target as Element).closest("[data-task]")?.getAttribute("data-task");
    if (from === null || from === undefined) return;
    const node = layout.nodes.get(from);
    if (node === undefined) return;
    const tb = direction === "TB";
    const forward = tb ? "ArrowDown" : "ArrowRight";
    const backward = tb ? "ArrowUp" : "ArrowLeft";
    const before = tb ? "ArrowLeft" : "ArrowUp";
    const after = tb ? "ArrowRight" : "ArrowDown";
    const sameLayer = walk.layers.get(node.layer) ?? [];
    const byOrder = (names: readonly string[] | undefined): string | undefined => [...(names ?? [])].sort((a, b) => (layout.nodes.get(a)?.order ?? 0) - (layout.nodes.get(b)?.order ?? 0))[0];
    let to: string | undefined;
    if (event.key === forward) to = byOrder(walk.next.get(from));
    else if (event.key === backward) to = byOrder(walk.prev.get(from));
    else if (event.key === before) to = sameLayer[sameLayer.indexOf(from) - 1];
    else if (event.key === after) to = sameLayer[sameLayer.indexOf(from) + 1];
    else return;
    event.preventDefault();
    if (to === undefined) return;
    onSelect(to);
    const target = box.current?.querySelector(`[data-task="${CSS.escape(to)}"]`);
    if (target instanceof SVGElement) target.focus();
  };

  const live = isLive(executionStatus);
  return (
    <div className="exec-graph" ref={frame} data-testid="execution-graph" data-direction={direction} data-crossings={layout.crossings}>
      <div className="exec-graph__toolbar" role="toolbar" aria-label="Graph view">
        <button type="button" className="button button--small button--ghost" onClick={zoom.zoomOut} title="Zoom out (ctrl + wheel)" aria-label="Zoom out" data-testid="execution-zoom-out">
          −
        </button>
        <span className="exec-graph__scale mono" data-testid="execution-zoom-level">
          {Math.round(zoom.scale * 100)}%
        </span>
        <button type="button" className="button button--small button--ghost" onClick={zoom.zoomIn} title="Zoom in (ctrl + wheel)" aria-label="Zoom in" data-testid="execution-zoom-in">
          +
        </button>
        <button type="button" className="button button--small button--ghost" onClick={zoom.fit} title="Show the whole graph" data-testid="execution-zoom-fit">
          Fit
        </button>
        <button type="button" className="button button--small button--ghost" onClick={zoom.actual} title="Actual size" data-testid="execution-zoom-reset">
          1:1
        </button>
        <span className="exec-graph__sep" />
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={() => onDirection(direction === "TB" ? "LR" : "TB")}
          title={direction === "TB" ? "Lay the graph out left to right" : "Lay the graph out top to bottom"}
          data-testid="execution-direction"
        >
          {direction === "TB" ? "↓ Top-down" : "→ Left-right"}
        </button>
      </div>
      <div className={zoom.dragging ? "exec-graph__canvas is-dragging" : "exec-graph__canvas"} ref={box} tabIndex={-1} {...zoom.dragHandlers}>
        <svg
          className={live ? "exec-graph__svg is-live" : "exec-graph__svg"}
          width={Math.max(1, layout.width * zoom.scale)}
          height={Math.max(1, layout.height * zoom.scale)}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          onKeyDown={onKeyDown}
          role="group"
          aria-label={`Workflow graph: ${model.ids.length} tasks`}
        >
          <defs>
            <clipPath id={NODE_CLIP_ID}>
              <rect width={layout.nodes.values().next().value?.width ?? 0} height={layout.nodes.values().next().value?.height ?? 0} rx={8} />
            </clipPath>
            <EdgeMarkers />
          </defs>
          <GraphEdges layout={layout} edges={model.edges} taken={taken} selected={selected} onHover={onHover} />
          <g className="exec-nodes">
            {model.ids.map((name) => {
              const node = layout.nodes.get(name);
              const task = model.tasks.get(name);
              const run = info.get(name);
              if (node === undefined || task === undefined || run === undefined) return null;
              return <GraphNode key={name} node={node} task={task} info={run} selected={selected === name} isSub={subworkflows.has(name)} commands={model.commands.get(name)} now={run.state === "running" ? now : 0} onSelect={select} />;
            })}
          </g>
        </svg>
      </div>
      {hover !== null && <EdgeTooltip hover={hover} />}
      <EdgeLegend />
    </div>
  );
}

function EdgeTooltip({ hover }: { hover: Hover }): ReactNode {
  const { edge } = hover;
  const style: CSSProperties = {
    ...(hover.x > hover.width * 0.55 ? { right: hover.width - hover.x + 14 } : { left: hover.x + 14 }),
    ...(hover.y > hover.height * 0.6 ? { bottom: hover.height - hover.y + 14 } : { top: hover.y + 14 }),
  };
  return (
    <div className="exec-edge-tip" style={style} role="tooltip" data-testid="execution-edge-tooltip">
      <div className="exec-edge-tip__title mono">
        {edge.from} → {edge.to}
      </div>
      {edge.conditions.map((c, i) => (
        <div key={i} className="exec-edge-tip__cond">
          <span className="muted">when </span>
          <code>{c.when ?? "always (whenever it completes)"}</code>
          {Object.keys(c.publish).length > 0 && <div className="muted">publishes {Object.keys(c.publish).join(", ")}</div>}
        </div>
      ))}
    </div>
  );
}
