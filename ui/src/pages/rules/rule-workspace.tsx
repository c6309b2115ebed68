// The working area of a rule's page: the YAML editor on the left, and on the right the pattern
// tester and the backtest, one at a time (`?tab=test|backtest`, so the link says which). The
// editor tells the tester its valid draft, so an edited pattern can be tried before saving.
import { useCallback, useState } from "react";
import type { ReactNode } from "react";
import { setQuery, useQuery } from "../../app/query-state";
import { useSession } from "../../app/session";
import { EmptyState } from "../../components";
import { BacktestPanel } from "./backtest-panel";
import { isFileOrigin, readOnlyReason } from "./origin-text";
import { PatternTester } from "./pattern-tester";
import { RuleEditorPanel } from "./rule-editor-panel";
import type { RuleView } from "./types";

/** Props of `<RuleWorkspace>`. */
export interface RuleWorkspaceProps {
  /** The rule in force; undefined at `/rules/new`. */
  rule: RuleView | undefined;
  onSaved: (rule: RuleView, created: boolean) => void;
}

const TABS = [
  { id: "test", label: "Test the pattern" },
  { id: "backtest", label: "Backtest" },
] as const;

/** Editor and tools side by side. */
export function RuleWorkspace({ rule, onSaved }: RuleWorkspaceProps): ReactNode {
  const session = useSession();
  const query = useQuery();
  const tab = query.tab === "backtest" ? "backtest" : "test";
  const [draft, setDraft] = useState<Record<string, unknown> | null>(null);
  const [dirty, setDirty] = useState(false);
  const onDraft = useCallback((d: Record<string, unknown> | null) => setDraft(d), []);
  const onDirty = useCallback((d: boolean) => setDirty(d), []);
  const fileReason = rule !== undefined && isFileOrigin(rule.origin) ? readOnlyReason(rule.origin) : null;
  const canWrite = session.can("operator");

  return (
    <div className="rule-workspace">
      <RuleEditorPanel
        rule={rule}
        canSave={canWrite}
        readOnlyReason={fileReason ?? (canWrite ? null : "Read-only: your role may not change rules (operators may). You can still test the pattern and backtest the rule.")}
        onSaved={onSaved}
        onDraft={onDraft}
        onDirty={onDirty}
      />
      <section className="card rule-tools" aria-label="Test and backtest">
        <div className="rule-tabs" role="tablist" aria-label="Tools">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              className={tab === t.id ? "rule-tab is-active" : "rule-tab"}
              onClick={() => setQuery({ tab: t.id === "test" ? undefined : t.id })}
              data-testid={`rule-tab-${t.id}`}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" className="rule-tools__panel">
          {tab === "test" ? (
            <PatternTester rule={rule} draft={draft} />
          ) : rule === undefined ? (
            <EmptyState title="Save the rule to backtest it" testId="rule-backtest-unsaved">
              A backtest runs the rule in force against stored events; this rule does not exist yet.
            </EmptyState>
          ) : (
            <BacktestPanel name={rule.name} dirty={dirty} />
          )}
        </div>
      </section>
    </div>
  );
}
