// JSON shown for people: indented, coloured by type, deep branches folded (click to open),
// long strings kept on one line with the full text on hover, and a Copy button.
import { useState } from "react";
import type { ReactNode } from "react";

/** Props of `<JsonView>`. */
export interface JsonViewProps {
  value: unknown;
  /** Branches deeper than this start folded (default 2). */
  openDepth?: number;
  /** Hide the Copy button. */
  noCopy?: boolean;
  testId?: string;
}

/** Pretty JSON with folding. */
export function JsonView({ value, openDepth = 2, noCopy = false, testId = "json-view" }: JsonViewProps): ReactNode {
  const [copied, setCopied] = useState(false);
  const copy = (): void => {
    void navigator.clipboard
      ?.writeText(JSON.stringify(value, null, 2))
      .then(() => {
        setCopied(true);
        window.setTimeout(() => setCopied(false), 1200);
      })
      .catch(() => undefined);
  };
  return (
    <div className="json-view" data-testid={testId}>
      {!noCopy && (
        <button type="button" className="json-view__copy button button--ghost button--small" onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </button>
      )}
      <pre>
        <Node value={value} depth={0} openDepth={openDepth} />
      </pre>
    </div>
  );
}

function Node({ value, depth, openDepth }: { value: unknown; depth: number; openDepth: number }): ReactNode {
  if (value === null) return <span className="json-null">null</span>;
  if (value === undefined) return <span className="json-null">undefined</span>;
  if (typeof value === "string") return <span className="json-string" title={value.length > 120 ? value : undefined}>{JSON.stringify(value)}</span>;
  if (typeof value === "number" || typeof value === "bigint") return <span className="json-number">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="json-boolean">{String(value)}</span>;
  if (Array.isArray(value)) return <Branch entries={value.map((v, i) => [String(i), v] as const)} open="[" close="]" keys={false} depth={depth} openDepth={openDepth} />;
  if (typeof value === "object") return <Branch entries={Object.entries(value)} open="{" close="}" keys depth={depth} openDepth={openDepth} />;
  return <span>{String(value)}</span>;
}

function Branch(props: { entries: readonly (readonly [string, unknown])[]; open: string; close: string; keys: boolean; depth: number; openDepth: number }): ReactNode {
  const { entries, open, close, keys, depth, openDepth } = props;
  const [expanded, setExpanded] = useState(depth < openDepth);
  if (entries.length === 0) return <span className="json-punct">{open + close}</span>;
  const pad = "  ".repeat(depth + 1);
  if (!expanded) {
    return (
      <button type="button" className="json-fold" onClick={() => setExpanded(true)} title="Expand">
        {open} … {entries.length} {keys ? (entries.length === 1 ? "key" : "keys") : entries.length === 1 ? "item" : "items"} {close}
      </button>
    );
  }
  return (
    <>
      <button type="button" className="json-fold json-fold--open" onClick={() => setExpanded(false)} title="Fold">
        {open}
      </button>
      {"\n"}
      {entries.map(([key, child], i) => (
        <span key={key}>
          {pad}
          {keys && (
            <>
              <span className="json-key">{JSON.stringify(key)}</span>
              <span className="json-punct">: </span>
            </>
          )}
          <Node value={child} depth={depth + 1} openDepth={openDepth} />
          {i < entries.length - 1 ? <span className="json-punct">,</span> : null}
          {"\n"}
        </span>
      ))}
      {"  ".repeat(depth)}
      <span className="json-punct">{close}</span>
    </>
  );
}
