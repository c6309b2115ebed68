// One task drawn as a box of the graph: a coloured stripe and dot for its state, its name, its
// action (or the sub-workflow it starts, with a link to that execution), and a line saying how
// it went — status, runs, attempts, items done of a with-items task (with a progress bar),
// time. Focusable and pressable with Enter or Space. Memoised on what it shows, so a live
// update repaints only the tasks that changed.
import { memo } from "react";
import type { KeyboardEvent, MouseEvent, ReactNode } from "react";
import { navigate, pathTo } from "../../../app/router";
import { formatDuration } from "../../../components";
import { runMs } from "../describe";
import { NODE_STATE_LABEL, taskStatusLabel } from "../statuses";
import type { TaskSpec } from "../types";
import type { CommandExit } from "./graph-model";
import type { LayoutNode } from "./layout";
import type { TaskRunInfo } from "./run-state";

/** The id of the clip path (defined once in the graph's `<defs>`) that rounds every node. */
export const NODE_CLIP_ID = "exec-node-clip";

/** Props of `<GraphNode>`. */
export interface GraphNodeProps {
  node: LayoutNode;
  task: TaskSpec;
  info: TaskRunInfo;
  selected: boolean;
  /** True when the task's action is another workflow. */
  isSub: boolean;
  commands: readonly CommandExit[] | undefined;
  /** The clock for a running task's time (0 for others, so they do not repaint). */
  now: number;
  onSelect: (name: string) => void;
}

/** `text` cut to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

function metaLine(info: TaskRunInfo, now: number): string {
  if (info.state === "not-run") return "not run";
  const parts = [taskStatusLabel(info.status ?? "")];
  if (info.items !== undefined) parts.push(`${info.items.ok + info.items.bad}/${info.items.total} items`);
  if (info.runs.length > 1) parts.push(`${info.runs.length} runs`);
  if (info.attempt > 1) parts.push(`try ${info.attempt}`);
  const ms = runMs(info.startedAt, info.finishedAt, now === 0 ? Date.now() : now);
  if (ms !== undefined) parts.push(formatDuration(ms));
  return parts.join(" · ");
}

function GraphNodeImpl({ node, task, info, selected, isSub, commands, now, onSelect }: GraphNodeProps): ReactNode {
  const { width, height } = node;
  const fails = commands?.some((c) => c.command === "fail") === true;
  const onKey = (event: KeyboardEvent<SVGGElement>): void => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onSelect(task.name);
    }
  };
  const openChild = (event: MouseEvent<Element>): void => {
    event.stopPropagation();
    if (info.childExecutionId === null || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    navigate(pathTo("/executions/:id", { id: info.childExecutionId }));
  };
  const items = info.items;
  const label = `${task.name}: ${info.state === "not-run" ? "not run" : taskStatusLabel(info.status ?? "")}`;
  return (
    <g
      className={`exec-node exec-node--${info.state}${selected ? " is-selected" : ""}`}
      transform={`translate(${node.x} ${node.y})`}
      tabIndex={0}
      role="button"
      aria-label={label}
      aria-pressed={selected}
      onClick={() => onSelect(task.name)}
      onKeyDown={onKey}
      data-testid="execution-node"
      data-task={task.name}
      data-state={info.state}
      data-status={info.status ?? "not-run"}
    >
      <title>{`${task.name} — ${task.action}\n${NODE_STATE_LABEL[info.state]}${task.with !== undefined ? `\nwith items: ${task.with.items}` : ""}`}</title>
      <rect className="exec-node__box" width={width} height={height} rx={8} />
      <g clipPath={`url(#${NODE_CLIP_ID})`}>
        <rect className="exec-node__stripe" width={5} height={height} />
        {items !== undefined && items.total > 0 && (
          <g className="exec-node__progress" data-testid="execution-node-items" data-done={items.ok + items.bad} data-total={items.total}>
            <rect className="exec-node__progress-track" x={0} y={height - 4} width={width} height={4} />
            <rect className="exec-node__progress-ok" x={0} y={height - 4} width={(width * items.ok) / items.total} height={4} />
            <rect className="exec-node__progress-bad" x={(width * items.ok) / items.total} y={height - 4} width={(width * items.bad) / items.total} height={4} />
            <rect className="exec-node__progress-busy" x={(width * (items.ok + items.bad)) / items.total} y={height - 4} width={(width * items.busy) / items.total} height={4} />
          </g>
        )}
      </g>
      <circle className="exec-node__dot" cx={19} cy={20} r={5} />
      <text className="exec-node__name" x={31} y={24}>
        {clip(task.name, fails || info.runs.length > 1 ? 24 : 27)}
      </text>
      {fails && (
        <text className="exec-node__fail" x={width - 10} y={22} textAnchor="end">
          <title>a transition of this task fails the execution</title>
          ⚑
        </text>
      )}
      <text className="exec-node__action" x={14} y={42}>
        {isSub ? `↳ ${clip(task.action, 29)}` : clip(task.action, 33)}
      </text>
      <text className="exec-node__meta" x={14} y={58}>
        {clip(metaLine(info, now), isSub && info.childExecutionId !== null ? 29 : 38)}
      </text>
      {isSub && info.childExecutionId !== null && (
        <a href={pathTo("/executions/:id", { id: info.childExecutionId })} onClick={openChild} className="exec-node__child" data-testid="execution-node-child">
          <title>Open the sub-workflow's execution</title>
          <text x={width - 10} y={58} textAnchor="end">
            open ↗
          </text>
        </a>
      )}
    </g>
  );
}

/** A task node, repainted only when what it shows changes. */
export const GraphNode = memo(
  GraphNodeImpl,
  (a, b) => a.node === b.node && a.task === b.task && a.info.sig === b.info.sig && a.selected === b.selected && a.isSub === b.isSub && a.now === b.now && a.commands === b.commands && a.onSelect === b.onSelect,
);
