// The rule as YAML: shown as Reflex reads it, edited with validation as you type (problems at
// line:col, their lines coloured), and saved with `PUT /api/v1/rules/:name` as YAML. A rule from
// a config file is shown read-only with the reason. Hidden inline secrets block saving, since
// saving would store the placeholder the API shows instead of the secret.
import { useEffect, useMemo, useRef, useState } from "react";
import type { ReactNode } from "react";
import { ApiError } from "../../api/api-error";
import { api } from "../../api/client";
import { Spinner } from "../../components";
import { HIDDEN_SECRET, hiddenSecretLines, ruleDocument } from "./rule-document";
import { problemsOfSaveError, RuleProblems } from "./rule-problems";
import { NEW_RULE_TEMPLATE } from "./new-rule-template";
import type { RuleView, YamlProblem } from "./types";
import { useRuleValidation } from "./use-rule-validation";
import { YamlEditor } from "./yaml-editor";
import type { MarkedLine, YamlEditorHandle } from "./yaml-editor";
import { toYaml } from "./yaml-emit";

/** Props of `<RuleEditorPanel>`. */
export interface RuleEditorPanelProps {
  /** The rule in force; undefined for a new rule. */
  rule: RuleView | undefined;
  /** Whether this session may save here (operator, and an API or new rule). */
  canSave: boolean;
  /** Why the text is read-only, when it is. */
  readOnlyReason: string | null;
  onSaved: (rule: RuleView, created: boolean) => void;
  /** The rule as the editor's text reads when it is valid (null when it is not), for the pattern tester. */
  onDraft: (rule: Record<string, unknown> | null) => void;
  /** Whether the text differs from the rule in force. */
  onDirty: (dirty: boolean) => void;
}

/** The YAML of the rule in force (or the new-rule template). */
function baseText(rule: RuleView | undefined): string {
  return rule === undefined ? NEW_RULE_TEMPLATE : toYaml(ruleDocument(rule));
}

/** The editor card. */
export function RuleEditorPanel({ rule, canSave, readOnlyReason, onSaved, onDraft, onDirty }: RuleEditorPanelProps): ReactNode {
  const isNew = rule === undefined;
  const propBase = useMemo(() => baseText(rule), [rule]);
  // `base` is the rule in force as YAML: from the page's rule, or from a save's answer until the
  // page has reloaded the rule. The rule in force changed (switched, reloaded): follow it unless
  // there are edits.
  const [edit, setEdit] = useState({ propBase, base: propBase, text: propBase });
  if (edit.propBase !== propBase) setEdit({ propBase, base: propBase, text: edit.text === edit.base ? propBase : edit.text });
  const { base, text } = edit;
  const setText = (next: string): void => setEdit((e) => ({ ...e, text: next }));
  const dirty = text !== base;
  const readOnly = readOnlyReason !== null;
  const editor = useRef<YamlEditorHandle>(null);

  const validation = useRuleValidation(text, rule?.name, !readOnly && (dirty || isNew));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<{ text: string; error: ApiError } | null>(null);
  const [savedNote, setSavedNote] = useState<string | null>(null);

  const answer = validation.answer;
  const draft = validation.fresh && answer?.valid === true ? (answer.rule ?? null) : null;
  useEffect(() => onDraft(dirty || isNew ? draft : null), [draft, dirty, isNew, onDraft]);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  // Leaving the page with unsaved edits asks first (a reload or a closed tab).
  useEffect(() => {
    if (!dirty || readOnly) return;
    const warn = (event: BeforeUnloadEvent): void => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty, readOnly]);

  const secretLines = useMemo(() => hiddenSecretLines(text), [text]);
  const saveProblems = saveError !== null && saveError.text === text ? problemsOfSaveError(saveError.error.errors) : [];
  const problems: YamlProblem[] = answer !== undefined ? answer.problems : saveProblems;
  const marks: MarkedLine[] = [
    ...problems.filter((p) => p.line > 0).map((p): MarkedLine => ({ line: p.line, kind: "error", message: p.message })),
    ...(readOnly ? [] : secretLines).map((line): MarkedLine => ({ line, kind: "warning", message: `${HIDDEN_SECRET}: write the secret here, or {env: NAME}` })),
  ];

  const name = isNew ? (typeof answer?.rule?.name === "string" && validation.fresh ? answer.rule.name : undefined) : rule.name;
  const invalid = validation.fresh && answer?.valid === false;
  const blockedBy = readOnly
    ? readOnlyReason
    : !canSave
      ? "Your role may not change rules (operators may)."
      : secretLines.length > 0
        ? `Replace ${HIDDEN_SECRET} on line ${secretLines.join(", ")} first.`
        : invalid
          ? "Fix the problems first."
          : !dirty && !isNew
            ? "No changes to save."
            : name === undefined
              ? "The rule needs a valid name first."
              : null;

  const save = async (): Promise<void> => {
    if (blockedBy !== null || name === undefined || saving) return;
    setSaving(true);
    setSaveError(null);
    setSavedNote(null);
    const sent = text;
    try {
      const saved = await api<RuleView>(`/api/v1/rules/${encodeURIComponent(name)}`, { method: "PUT", body: sent, contentType: "application/yaml" });
      setSavedNote(`Saved ${new Date().toLocaleTimeString()}; shown as Reflex stores it (comments are not kept).`);
      const stored = baseText(saved);
      setEdit((e) => ({ ...e, base: stored, text: e.text === sent ? stored : e.text }));
      onSaved(saved, isNew);
    } catch (e) {
      setSaveError({ text: sent, error: e instanceof ApiError ? e : new ApiError({ status: 0, title: "Error", detail: String(e), code: "client", path: "" }) });
    } finally {
      setSaving(false);
    }
  };

  const status = readOnly ? null : <ValidationStatus dirty={dirty || isNew} status={validation.status} valid={answer?.valid} fresh={validation.fresh} count={problems.length} error={validation.error} />;

  return (
    <section className="card rule-editor" aria-label="Rule YAML" data-testid="rule-editor-panel">
      <div className="rule-panel__head">
        <h2>{isNew ? "New rule" : "Rule"}</h2>
        {dirty && !isNew && (
          <span className="rule-unsaved" data-testid="rule-unsaved">
            unsaved changes
          </span>
        )}
        {status}
        <span className="rule-panel__spacer" />
        {!readOnly && canSave && (
          <>
            {dirty && !isNew && (
              <button type="button" className="button button--ghost button--small" onClick={() => setText(base)} data-testid="rule-revert">
                Revert
              </button>
            )}
            <button
              type="button"
              className="button button--primary"
              onClick={() => void save()}
              disabled={blockedBy !== null || saving}
              title={blockedBy ?? "Save (Ctrl+S)"}
              data-testid="rule-save"
            >
              {saving && <Spinner />}
              {isNew ? "Create rule" : "Save"}
            </button>
          </>
        )}
      </div>
      {readOnly && (
        <p className="rule-readonly" data-testid="rule-readonly">
          {readOnlyReason}
        </p>
      )}
      {!readOnly && secretLines.length > 0 && (
        <p className="rule-warning" data-testid="rule-secret-warning">
          The API hides inline secrets: line {secretLines.join(", ")} shows <code>{HIDDEN_SECRET}</code>. Saving would store that text as the secret; write the secret there, or <code>{"{env: NAME}"}</code> to read it from the server's environment.
        </p>
      )}
      <YamlEditor ref={editor} value={text} onChange={setText} readOnly={readOnly} marks={marks} onSave={() => void save()} label={`YAML of rule ${rule?.name ?? "(new)"}`} testId="rule-editor" />
      <RuleProblems problems={problems} stale={answer !== undefined && !validation.fresh} onPick={(p) => editor.current?.focusAt(p.line, p.col)} />
      {saveError !== null && (
        <div className="inline-error rule-save-error" role="alert" data-testid="rule-save-error">
          Not saved: {saveError.error.detail}
        </div>
      )}
      {savedNote !== null && !dirty && (
        <div className="rule-saved muted" data-testid="rule-saved">
          {savedNote}
        </div>
      )}
    </section>
  );
}

/** "Checking…", "Valid", "3 problems" or "Could not check". */
function ValidationStatus(props: { dirty: boolean; status: string; valid: boolean | undefined; fresh: boolean; count: number; error: ApiError | undefined }): ReactNode {
  const { dirty, status, valid, fresh, count, error } = props;
  let text: ReactNode;
  let tone: string;
  if (!dirty) {
    text = "In force";
    tone = "idle";
  } else if (status === "failed") {
    text = `Could not check: ${error?.detail ?? "no answer"}`;
    tone = "warn";
  } else if (!fresh || valid === undefined) {
    text = (
      <>
        <Spinner label="Checking" /> Checking…
      </>
    );
    tone = "busy";
  } else if (valid) {
    text = "✓ Valid";
    tone = "ok";
  } else {
    text = `${count} problem${count === 1 ? "" : "s"}`;
    tone = "bad";
  }
  return (
    <span className={`rule-status rule-status--${tone}`} data-testid="rule-validation" data-state={!dirty ? "clean" : status === "failed" ? "failed" : !fresh ? "checking" : valid === true ? "valid" : "invalid"} role="status">
      {text}
    </span>
  );
}
