// The fleet as tiles: one small card per instance, coloured by health, for watching tens of
// instances at once during a drill. Clicking a tile narrows the fault history to it; operators
// get the fault menu on each tile.
import type { ReactNode } from "react";
import { FaultMenu } from "./fault-menu";
import { StateBadge, healthOf } from "./instance-state";
import { CloudLabel } from "./instances-table";
import type { SimFault, SimInstance } from "./types";

/** Props of `<InstanceTiles>`. */
export interface InstanceTilesProps {
  rows: readonly SimInstance[];
  selected: string | undefined;
  onSelect: (id: string | undefined) => void;
  kinds: readonly string[] | null;
  onInjected: (fault: SimFault) => void;
}

/** The tile grid. */
export function InstanceTiles({ rows, selected, onSelect, kinds, onInjected }: InstanceTilesProps): ReactNode {
  return (
    <div className="fleet-tiles" data-testid="fleet-tiles">
      {rows.map((i) => (
        <div key={i.id} className={`fleet-tile fleet-tile--${healthOf(i)}${i.id === selected ? " is-selected" : ""}`} data-testid="fleet-tile" data-key={i.id}>
          <button type="button" className="fleet-tile__main" onClick={() => onSelect(selected === i.id ? undefined : i.id)} aria-pressed={i.id === selected} title="show this instance's faults">
            <span className="fleet-tile__name">{i.name}</span>
            <span className="fleet-tile__id mono muted truncate">{i.id}</span>
          </button>
          <div className="fleet-tile__row">
            <StateBadge instance={i} />
            <CloudLabel cloud={i.cloud} />
          </div>
          <div className="fleet-tile__row fleet-tile__health">
            <span className={i.reachable ? "fleet-dot fleet-dot--ok" : "fleet-dot fleet-dot--bad"} title={i.reachable ? "answers ping" : "does not answer ping"} />
            <span>{i.reachable ? "ping ok" : "no ping"}</span>
            <span className={i.process.running ? "fleet-dot fleet-dot--ok" : "fleet-dot fleet-dot--bad"} title={`process ${i.process.name}`} />
            <span>{i.process.running ? `${i.process.name} up` : `${i.process.name} down`}</span>
          </div>
          <div className="fleet-tile__foot">
            <span className="fleet-tile__faults truncate" title={i.activeFaults.join(", ")}>
              {i.activeFaults.length === 0 ? <span className="muted">no faults</span> : i.activeFaults.join(", ")}
            </span>
            {kinds !== null && <FaultMenu instance={i} kinds={kinds} onInjected={onInjected} />}
          </div>
        </div>
      ))}
    </div>
  );
}
