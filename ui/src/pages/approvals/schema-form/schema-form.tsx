// Draws a schema form: one labelled input per property (with its help text and the message of
// what to fix under it), or one JSON text area when the schema is not one the form draws. The
// caller keeps the values and decides when messages show (after a first try to submit, or
// once a field was left), so this stays a plain controlled view.
import type { ReactNode } from "react";
import { JsonView } from "../../../components";
import { FieldInput } from "./field-input";
import type { FieldSpec, FormModel } from "./schema-model";
import { ROOT } from "./schema-values";
import type { FieldValue, FormValues } from "./schema-values";

/** Props of `<SchemaForm>`. */
export interface SchemaFormProps {
  model: FormModel;
  values: FormValues;
  /** Messages to show, by field key (ROOT for the whole response). */
  errors: Readonly<Record<string, string>>;
  onChange: (key: string, value: FieldValue) => void;
  /** A field was left (to start showing its message). */
  onBlur?: (key: string) => void;
  disabled?: boolean;
  /** Prefix of element ids and `data-testid`s: `<prefix>-field-<key>`, `<prefix>-input-<key>`, `<prefix>-error-<key>`. */
  prefix: string;
}

/** The inputs of one schema. */
export function SchemaForm(props: SchemaFormProps): ReactNode {
  const { model, values, errors, onChange, onBlur, disabled = false, prefix } = props;
  if (model.kind !== "fields") {
    const error = errors[ROOT];
    const free = model.kind === "free";
    return (
      <div className="schema-form">
        <div className="schema-form__field" data-testid={`${prefix}-field-response`}>
          <label className="schema-form__label" htmlFor={`${prefix}-response`}>
            Response {free ? <span className="muted">(optional JSON)</span> : <span className="muted">(JSON)</span>}
          </label>
          <textarea
            id={`${prefix}-response`}
            className="textarea schema-form__json"
            rows={free ? 3 : 6}
            spellCheck={false}
            value={String(values[ROOT] ?? "")}
            placeholder={free ? "Nothing to add: leave empty" : "{ }"}
            disabled={disabled}
            aria-invalid={error !== undefined}
            onChange={(e) => onChange(ROOT, e.target.value)}
            onBlur={() => onBlur?.(ROOT)}
            data-testid={`${prefix}-input-response`}
          />
          {!free && <SchemaHint reason={model.reason} schema={model.schema} />}
          {error !== undefined && <FieldError prefix={prefix} name="response" message={error} />}
        </div>
      </div>
    );
  }
  return (
    <div className="schema-form">
      {model.fields.map((field) => (
        <Field key={field.key} field={field} value={values[field.key]} error={errors[field.key]} onChange={onChange} onBlur={onBlur} disabled={disabled} prefix={prefix} />
      ))}
    </div>
  );
}

function Field(props: { field: FieldSpec; value: FieldValue | undefined; error: string | undefined; onChange: (key: string, value: FieldValue) => void; onBlur: ((key: string) => void) | undefined; disabled: boolean; prefix: string }): ReactNode {
  const { field, value, error, onChange, onBlur, disabled, prefix } = props;
  const id = `${prefix}-input-${field.key}`;
  const help = `${id}-help`;
  // A checkbox carries its own label beside it; a group of checkboxes is a fieldset.
  const inlineLabel = field.kind === "boolean";
  return (
    <div className={`schema-form__field${error === undefined ? "" : " has-error"}`} data-testid={`${prefix}-field-${field.key}`}>
      {!inlineLabel && (
        <label className="schema-form__label" htmlFor={id}>
          {field.label}
          {field.required ? (
            <span className="schema-form__required" title="required">
              {" "}
              *
            </span>
          ) : (
            <span className="muted"> (optional)</span>
          )}
          {field.label !== field.key && <code className="schema-form__key">{field.key}</code>}
        </label>
      )}
      <FieldInput field={field} value={value} id={id} describedBy={field.description === undefined ? undefined : help} invalid={error !== undefined} disabled={disabled} onChange={(v) => onChange(field.key, v)} onBlur={() => onBlur?.(field.key)} />
      {field.description !== undefined && (
        <div className="schema-form__help" id={help}>
          {field.description}
        </div>
      )}
      {field.kind === "json" && <SchemaHint reason={field.reason} schema={field.schema} />}
      {error !== undefined && <FieldError prefix={prefix} name={field.key} message={error} />}
    </div>
  );
}

function FieldError({ prefix, name, message }: { prefix: string; name: string; message: string }): ReactNode {
  return (
    <div className="schema-form__error" role="alert" data-testid={`${prefix}-error-${name}`}>
      {message}
    </div>
  );
}

/** Why a part is edited as JSON, with the schema it must fit. */
function SchemaHint({ reason, schema }: { reason: string; schema: unknown }): ReactNode {
  return (
    <details className="schema-form__hint">
      <summary>Edited as JSON: {reason}. Show the schema</summary>
      <JsonView value={schema} openDepth={6} noCopy />
    </details>
  );
}
