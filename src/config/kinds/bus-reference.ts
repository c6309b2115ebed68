// The check that a document's `bus:` names a declared Bus, for the kinds that emit events onto
// a bus of their own choosing (probes, schedules). Without it the mistake shows only when the
// first event is refused, far from the line that caused it.
import { didYouMean } from "../suggest.js";
import type { ConfigProblem } from "../problem.js";
import { DEFAULT_BUS } from "../types.js";
import type { CrossContext, Loaded } from "./kind.js";

/** A problem at `/bus` of each loaded spec whose bus is neither `default` nor declared. */
export function busReferenceProblems(loaded: readonly Loaded<{ bus: string }>[], context: CrossContext, problems: ConfigProblem[]): void {
  const buses = [...context.config.buses.keys()];
  for (const { spec, doc } of loaded) {
    if (spec.bus === DEFAULT_BUS.name || context.declared("Bus", spec.bus) !== undefined) continue;
    problems.push(
      doc.problem("/bus", `bus '${spec.bus}' is not declared; declare it with 'kind: Bus' or use one of: ${buses.join(", ")}${didYouMean(spec.bus, buses)}`),
    );
  }
}
