// The operator's buttons on an execution: pause and resume (running work finishes; nothing new
// starts), cancel (running actions are aborted, sub-workflows too) and, once it has ended,
// rerun its failed tasks as a new execution. Each asks for a second click; each shows only
// when the server would accept it (src/server/routes/executions.ts) and only to operators.
import type { ReactNode } from "react";
import { api } from "../../api/client";
import { navigate, pathTo } from "../../app/router";
import { useSession } from "../../app/session";
import { ConfirmButton } from "../../components";
import { FINISHED_EXECUTION, PAUSABLE, RESUMABLE } from "./statuses";
import type { ExecutionView } from "./types";

/** Props of `<ExecutionActions>`. */
export interface ExecutionActionsProps {
  view: ExecutionView;
  /** Takes the execution as the operation answered it. */
  onChanged: (view: ExecutionView) => void;
}

const RERUNNABLE_TASK: ReadonlySet<string> = new Set(["failed", "timeout"]);

/** True when a rerun without naming tasks has something to run (a failed, or a started and canceled, task). */
export function hasFailedTasks(view: ExecutionView): boolean {
  return view.tasks.some((t) => RERUNNABLE_TASK.has(t.status) || (t.status === "canceled" && t.startedAt !== null));
}

/** Starts a rerun of `id` (of `tasks`, or of the failed ones) and opens the new execution. */
export async function rerun(id: string, tasks?: readonly string[]): Promise<void> {
  const answer = await api<{ id: string }>(`/api/v1/executions/${encodeURIComponent(id)}/rerun`, { method: "POST", body: tasks === undefined ? {} : { tasks } });
  navigate(pathTo("/executions/:id", { id: answer.id }));
}

/** Pause / Resume / Cancel / Rerun, as far as the role and the status allow. */
export function ExecutionActions({ view, onChanged }: ExecutionActionsProps): ReactNode {
  const session = useSession();
  if (!session.can("operator")) return null;
  const operate = async (verb: "pause" | "resume" | "cancel"): Promise<void> => {
    onChanged(await api<ExecutionView>(`/api/v1/executions/${encodeURIComponent(view.id)}/${verb}`, { method: "POST" }));
  };
  const finished = FINISHED_EXECUTION.has(view.status);
  return (
    <div className="exec-actions row" data-testid="execution-actions">
      {PAUSABLE.has(view.status) && (
        <ConfirmButton onConfirm={() => operate("pause")} confirmLabel="Pause it?" title="Running work finishes; nothing new starts (sub-workflows too)" testId="execution-pause">
          Pause
        </ConfirmButton>
      )}
      {RESUMABLE.has(view.status) && (
        <ConfirmButton onConfirm={() => operate("resume")} confirmLabel="Resume it?" title="Start what the pause held back" testId="execution-resume">
          Resume
        </ConfirmButton>
      )}
      {!finished && view.status !== "canceling" && (
        <ConfirmButton onConfirm={() => operate("cancel")} danger confirmLabel="Cancel it?" title="Abort running actions and stop (sub-workflows too)" testId="execution-cancel">
          Cancel
        </ConfirmButton>
      )}
      {finished && hasFailedTasks(view) && (
        <ConfirmButton onConfirm={() => rerun(view.id)} confirmLabel="Rerun failed tasks?" title="A new execution: what succeeded is carried over, the failed tasks run again" testId="execution-rerun">
          Rerun failed
        </ConfirmButton>
      )}
    </div>
  );
}
