// What an approval is about, at a glance: the execution's input. A flat object (the usual
// case: instance, host, mount point, usage) is shown as a compact grid of name and value;
// anything deeper as folded JSON.
import type { ReactNode } from "react";
import { JsonView } from "../../components";

function isFlat(value: unknown): value is Readonly<Record<string, string | number | boolean | null>> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const entries = Object.values(value);
  return entries.length <= 16 && entries.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v));
}

/** The input of the execution an approval belongs to; nothing when it has none. */
export function ExecutionInput({ input }: { input: unknown }): ReactNode {
  if (input === null || input === undefined || (typeof input === "object" && Object.keys(input).length === 0)) return null;
  return (
    <section className="approval-context" aria-label="The execution's input">
      <h3>What it is about <span className="muted">(the execution's input)</span></h3>
      {isFlat(input) ? (
        <dl className="approval-context__grid" data-testid="approval-context">
          {Object.entries(input).map(([key, value]) => (
            <div key={key} className="approval-context__item">
              <dt>{key}</dt>
              <dd className="mono" title={String(value)}>
                {String(value)}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <JsonView value={input} openDepth={1} testId="approval-context" />
      )}
    </section>
  );
}
