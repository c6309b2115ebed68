// Answering one approval: the form its JSON Schema describes, and Approve / Reject. Approving
// checks the form first (each field says what to fix, the first bad one gets the focus) and
// sends the response; rejecting sends no response (the schema describes what an approval
// carries), except a free-form note when the approval has no schema. The server's answer
// decides: a 400 lands on the field its pointer names, a 409 (answered meanwhile) reloads.
import { useMemo, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { api } from "../../api/client";
import { toApiError } from "../../api/api-error";
import type { ApiError } from "../../api/api-error";
import { Spinner } from "../../components";
import { SchemaForm } from "./schema-form/schema-form";
import { formModelOf } from "./schema-form/schema-model";
import { ROOT, buildResponse, fieldOfPointer, initialValues } from "./schema-form/schema-values";
import type { FieldValue, FormValues } from "./schema-form/schema-values";
import type { AnswerBody, Approval } from "./types";

/** Props of `<AnswerForm>`; render it with `key={approval.id}` so each approval starts afresh. */
export interface AnswerFormProps {
  approval: Approval;
  /** The server accepted the answer: the approval as it is now. */
  onAnswered: (answered: Approval, decision: AnswerBody["decision"]) => void;
  /** The approval changed on the server (answered by someone else): load it again. */
  onStale: () => void;
}

const PREFIX = "approval";

/** The schema form with Approve and Reject. */
export function AnswerForm({ approval, onAnswered, onStale }: AnswerFormProps): ReactNode {
  const model = useMemo(() => formModelOf(approval.schema), [approval.schema]);
  const [values, setValues] = useState<FormValues>(() => initialValues(model));
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState<AnswerBody["decision"] | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [serverErrors, setServerErrors] = useState<Readonly<Record<string, string>>>({});

  const result = buildResponse(model, values);
  const own = result.ok ? {} : result.errors;
  const shown: Record<string, string> = { ...serverErrors };
  for (const [key, message] of Object.entries(own)) if (tried || left.has(key)) shown[key] = message;

  const change = (key: string, value: FieldValue): void => {
    setValues((v) => ({ ...v, [key]: value }));
    if (serverErrors[key] !== undefined) setServerErrors(({ [key]: _, ...rest }) => rest);
  };

  const send = async (decision: AnswerBody["decision"]): Promise<void> => {
    if (busy !== null) return;
    const body: AnswerBody = { decision };
    if (decision === "approve") {
      setTried(true);
      if (!result.ok) {
        const first = Object.keys(result.errors)[0] ?? ROOT;
        document.getElementById(first === ROOT ? `${PREFIX}-response` : `${PREFIX}-input-${first}`)?.focus();
        return;
      }
      if (result.value !== null) body.response = result.value;
    } else if (model.kind === "free" && result.ok && result.value !== null) {
      body.response = result.value;
    }
    setBusy(decision);
    setFailure(null);
    const path = `/api/v1/approvals/${encodeURIComponent(approval.id)}`;
    try {
      const answered = await api<Approval>(path, { method: "POST", body });
      onAnswered(answered, decision);
    } catch (e) {
      const error = toApiError(e, path);
      // A problem the server points at goes under its field; anything else above the buttons.
      const key = error.status === 400 && error.pointer !== undefined ? fieldOfPointer(error.pointer, model) : undefined;
      if (key !== undefined && (key !== ROOT || model.kind !== "fields")) setServerErrors({ [key]: error.detail });
      else setFailure(error);
      if (error.status === 409 || error.status === 404) onStale();
    } finally {
      setBusy(null);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void send("approve");
  };

  return (
    <form className="answer-form" onSubmit={submit} noValidate data-testid="approval-form">
      <SchemaForm model={model} values={values} errors={shown} onChange={change} onBlur={(key) => setLeft((s) => new Set(s).add(key))} disabled={busy !== null} prefix={PREFIX} />
      {failure !== null && (
        <div className="inline-error answer-form__failure" role="alert" data-testid="approval-answer-error">
          {failure.status === 409 ? "Someone answered it first: " : failure.status === 403 ? "Not allowed: " : ""}
          {failure.detail}
        </div>
      )}
      <div className="answer-form__actions">
        <button type="submit" className="button button--primary" disabled={busy !== null} data-testid="approval-approve">
          {busy === "approve" && <Spinner />}
          Approve
        </button>
        <button type="button" className="button button--danger" disabled={busy !== null} onClick={() => void send("reject")} data-testid="approval-reject">
          {busy === "reject" && <Spinner />}
          Reject
        </button>
        {!result.ok && tried && <span className="muted">Fix the marked field{Object.keys(own).length === 1 ? "" : "s"} to approve; rejecting needs no answer.</span>}
      </div>
    </form>
  );
}
