// Starting a drill (operators): an optional instance count for drills that create their own
// instances (empty: the drill's create.count), and a Run button that asks once to confirm.
// The run goes on in the server's background; the console goes to its page to watch it live.
import { useState } from "react";
import type { ReactNode } from "react";
import { navigate, pathTo } from "../../app/router";
import { api } from "../../api/client";
import { ConfirmButton } from "../../components";
import type { DrillStarted, DrillView } from "./types";

/** Props of `<RunDrillForm>`. */
export interface RunDrillFormProps {
  drill: DrillView;
  /** Label of the button (default "Run"). */
  label?: string;
}

/** The count field and the Run button of one drill. */
export function RunDrillForm({ drill, label = "Run" }: RunDrillFormProps): ReactNode {
  const create = drill.instances.create;
  const [count, setCount] = useState("");
  const n = count.trim() === "" ? undefined : Number(count);
  const invalid = n !== undefined && (!Number.isInteger(n) || n < 1 || n > 1000);
  const instances = n ?? create?.count ?? drill.instances.ids?.length ?? 0;

  const start = async (): Promise<void> => {
    const started = await api<DrillStarted>(`/api/v1/drills/${encodeURIComponent(drill.name)}/runs`, { method: "POST", body: n === undefined ? {} : { instances: n } });
    navigate(pathTo("/drills/runs/:id", { id: started.runId }));
  };

  return (
    <div className="drill-run-form row">
      {create !== undefined && (
        <label className="drill-run-form__count">
          <span className="muted">Instances</span>
          <input
            className="input"
            type="number"
            min={1}
            max={1000}
            step={1}
            inputMode="numeric"
            placeholder={String(create.count)}
            value={count}
            onChange={(e) => setCount(e.target.value)}
            aria-invalid={invalid}
            aria-label={`instances for ${drill.name} (default ${create.count})`}
            data-testid={`drill-start-count-${drill.name}`}
          />
        </label>
      )}
      <ConfirmButton
        onConfirm={start}
        disabled={invalid}
        confirmLabel={`Start on ${instances} instance${instances === 1 ? "" : "s"}?`}
        className="button--primary"
        title={invalid ? "1 to 1000 instances" : `inject ${drill.fault} into ${instances} instance${instances === 1 ? "" : "s"}`}
        testId={`drill-start-${drill.name}`}
      >
        ▶ {label}
      </ConfirmButton>
      {invalid && <span className="inline-error">1 to 1000 instances</span>}
    </div>
  );
}
