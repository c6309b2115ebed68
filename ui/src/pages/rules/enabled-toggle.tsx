// Switching a rule on or off. The API has no separate switch: `PUT /api/v1/rules/:name` takes
// the whole rule, so the rule is sent back as written (rule-document.ts) with `enabled` changed.
// The switch is shown working only where that is possible and allowed: an operator, a rule
// written through the API, and no inline secret the API hides (sending its placeholder back
// would replace the secret). Otherwise it says why not.
import { useState } from "react";
import type { ReactNode } from "react";
import { api } from "../../api/client";
import { useSession } from "../../app/session";
import { Spinner, StatusBadge } from "../../components";
import { isFileOrigin, LockIcon, readOnlyReason } from "./origin-text";
import { hiddenSecrets, ruleBodyWithEnabled } from "./rule-document";
import type { RuleView } from "./types";

/** Props of `<EnabledToggle>`. */
export interface EnabledToggleProps {
  rule: RuleView;
  /** Called with the rule as the server answered after a change. */
  onChanged: (rule: RuleView) => void;
  /** Show the reason under a disabled switch, not only on hover (the detail page). */
  explain?: boolean;
  testId?: string;
}

/** Why the switch cannot be used for `rule`, or null when it can. */
export function toggleBlocked(rule: RuleView, canWrite: boolean): string | null {
  if (!canWrite) return "Your role may not change rules (operators may).";
  if (isFileOrigin(rule.origin)) return readOnlyReason(rule.origin);
  const secrets = hiddenSecrets(rule.targets, "/targets");
  if (secrets.length > 0) return `This rule holds an inline secret the API does not show (${secrets.join(", ")}); open the rule and save it with the secret written in, or as {env: NAME}.`;
  return null;
}

/** An on/off switch for operators; a plain badge for those who may not change rules. */
export function EnabledToggle({ rule, onChanged, explain = false, testId = "rule-enabled-toggle" }: EnabledToggleProps): ReactNode {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canWrite = session.can("operator");
  const blocked = toggleBlocked(rule, canWrite);
  // No switch where it could never be used: the state, and (for a config-file rule) why it is fixed.
  if (!canWrite || isFileOrigin(rule.origin)) {
    return (
      <span className="rule-toggle" title={blocked ?? undefined}>
        <StatusBadge status={rule.enabled ? "enabled" : "disabled"} testId={`${testId}-state`} />
        {canWrite && <LockIcon />}
        {explain && canWrite && blocked !== null && (
          <span className="muted rule-toggle__why" data-testid={`${testId}-why`}>
            {blocked}
          </span>
        )}
      </span>
    );
  }

  const flip = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const saved = await api<RuleView>(`/api/v1/rules/${encodeURIComponent(rule.name)}`, { method: "PUT", body: ruleBodyWithEnabled(rule, !rule.enabled) });
      onChanged(saved);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="rule-toggle">
      <button
        type="button"
        role="switch"
        aria-checked={rule.enabled}
        aria-label={`${rule.enabled ? "Disable" : "Enable"} rule ${rule.name}`}
        className={`switch${rule.enabled ? " is-on" : ""}`}
        disabled={busy || blocked !== null}
        title={blocked ?? (rule.enabled ? "Enabled: click to disable" : "Disabled: click to enable")}
        onClick={() => void flip()}
        data-testid={testId}
        data-enabled={rule.enabled}
      >
        <span className="switch__knob" aria-hidden="true" />
      </button>
      <span className={rule.enabled ? "rule-toggle__label is-on" : "rule-toggle__label"}>{busy ? <Spinner /> : rule.enabled ? "On" : "Off"}</span>
      {explain && blocked !== null && <span className="muted rule-toggle__why" data-testid={`${testId}-why`}>{blocked}</span>}
      {error !== null && (
        <span className="inline-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </span>
  );
}
