// The input for one property of a schema form, chosen by its kind: a select for an enum, the
// browser's own input type for a format (email, url, date, time), a number input with the
// schema's bounds, a checkbox, checkboxes or a list of text inputs for an array of strings,
// and a JSON text area for anything else.
import type { ReactNode } from "react";
import type { FieldSpec, StringListField } from "./schema-model";
import type { FieldValue } from "./schema-values";

/** Props of `<FieldInput>`. */
export interface FieldInputProps {
  field: FieldSpec;
  value: FieldValue | undefined;
  /** Element id (the label points at it) and `data-testid`. */
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
  disabled: boolean;
  onChange: (value: FieldValue) => void;
  onBlur: () => void;
}

const INPUT_TYPES: Readonly<Record<string, string>> = {
  email: "email",
  uri: "url",
  url: "url",
  date: "date",
  time: "time",
  "date-time": "datetime-local",
  password: "password",
};

/** One property's input. */
export function FieldInput(props: FieldInputProps): ReactNode {
  const { field, value, id, describedBy, invalid, disabled, onChange, onBlur } = props;
  const common = { id, disabled, onBlur, "aria-invalid": invalid, "aria-describedby": describedBy, "aria-required": field.required, "data-testid": id };
  const text = typeof value === "string" ? value : "";
  switch (field.kind) {
    case "string":
      if (field.options !== undefined) {
        return (
          <select className="select schema-form__input" value={text} onChange={(e) => onChange(e.target.value)} {...common}>
            <option value="">{field.required ? "Choose…" : "—"}</option>
            {field.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        );
      }
      if (field.multiline) return <textarea className="textarea schema-form__text" rows={4} value={text} maxLength={field.maxLength} onChange={(e) => onChange(e.target.value)} {...common} />;
      return <input className="input schema-form__input" type={INPUT_TYPES[field.format ?? ""] ?? "text"} value={text} maxLength={field.maxLength} autoComplete="off" onChange={(e) => onChange(e.target.value)} {...common} />;
    case "number":
      if (field.options !== undefined) {
        return (
          <select className="select schema-form__input schema-form__input--number" value={text} onChange={(e) => onChange(e.target.value)} {...common}>
            <option value="">{field.required ? "Choose…" : "—"}</option>
            {field.options.map((o) => (
              <option key={o} value={String(o)}>
                {o}
              </option>
            ))}
          </select>
        );
      }
      return (
        <span className="schema-form__number">
          <input
            className="input schema-form__input schema-form__input--number"
            type="number"
            inputMode={field.integer ? "numeric" : "decimal"}
            step={field.multipleOf ?? (field.integer ? 1 : "any")}
            min={field.minimum ?? field.exclusiveMinimum}
            max={field.maximum ?? field.exclusiveMaximum}
            value={text}
            onChange={(e) => onChange(e.target.value)}
            {...common}
          />
          <span className="muted schema-form__range">{rangeOf(field)}</span>
        </span>
      );
    case "boolean":
      return (
        <label className="schema-form__check">
          <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} {...common} />
          <span>
            {field.label}
            {field.label !== field.key && <code className="schema-form__key">{field.key}</code>}
          </span>
        </label>
      );
    case "string-list":
      return field.options !== undefined ? <OptionsInput {...props} field={field} options={field.options} /> : <StringListInput {...props} field={field} />;
    case "json":
      return <textarea className="textarea schema-form__json" rows={4} spellCheck={false} placeholder="JSON" value={text} onChange={(e) => onChange(e.target.value)} {...common} />;
  }
}

function rangeOf(field: Extract<FieldSpec, { kind: "number" }>): string {
  const kind = field.integer ? "whole number" : "number";
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = field;
  if (minimum !== undefined && maximum !== undefined) return `${kind}, ${minimum}–${maximum}`;
  const low = minimum !== undefined ? `≥ ${minimum}` : exclusiveMinimum !== undefined ? `> ${exclusiveMinimum}` : undefined;
  const high = maximum !== undefined ? `≤ ${maximum}` : exclusiveMaximum !== undefined ? `< ${exclusiveMaximum}` : undefined;
  return [kind, low, high].filter((p) => p !== undefined).join(", ");
}

function listOf(value: FieldValue | undefined): string[] {
  return Array.isArray(value) ? value : [];
}

/** An enum of strings, several allowed: one checkbox per option. */
function OptionsInput(props: FieldInputProps & { field: StringListField; options: readonly string[] }): ReactNode {
  const { options, value, id, describedBy, disabled, onChange, onBlur } = props;
  const chosen = new Set(listOf(value));
  const toggle = (option: string): void => {
    const next = new Set(chosen);
    if (next.has(option)) next.delete(option);
    else next.add(option);
    onChange(options.filter((o) => next.has(o)));
  };
  return (
    <div className="schema-form__options" id={id} role="group" aria-describedby={describedBy} data-testid={id}>
      {options.map((o) => (
        <label key={o} className="schema-form__check">
          <input type="checkbox" checked={chosen.has(o)} disabled={disabled} onChange={() => toggle(o)} onBlur={onBlur} data-testid={`${id}-${o}`} />
          <span>{o}</span>
        </label>
      ))}
    </div>
  );
}

/** Free strings: one input per item, with Add and Remove. */
function StringListInput(props: FieldInputProps & { field: StringListField }): ReactNode {
  const { field, value, id, describedBy, invalid, disabled, onChange, onBlur } = props;
  const items = listOf(value);
  const set = (i: number, text: string): void => onChange(items.map((s, j) => (j === i ? text : s)));
  const full = field.maxItems !== undefined && items.length >= field.maxItems;
  return (
    <div className="schema-form__list" id={id} role="group" aria-describedby={describedBy} data-testid={id}>
      {items.map((item, i) => (
        <div className="schema-form__list-item" key={i}>
          <input
            className="input schema-form__input"
            value={item}
            disabled={disabled}
            aria-label={`${field.label} ${i + 1}`}
            aria-invalid={invalid}
            maxLength={field.item.maxLength}
            onChange={(e) => set(i, e.target.value)}
            onBlur={onBlur}
            onKeyDown={(e) => {
              // Enter adds the next item instead of submitting the answer.
              if (e.key === "Enter") {
                e.preventDefault();
                if (!full) onChange([...items, ""]);
              }
            }}
            data-testid={`${id}-${i}`}
          />
          <button type="button" className="button button--ghost button--small" disabled={disabled} onClick={() => onChange(items.filter((_, j) => j !== i))} aria-label={`Remove ${field.label} ${i + 1}`} data-testid={`${id}-${i}-remove`}>
            ×
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="button button--ghost button--small" disabled={disabled || full} onClick={() => onChange([...items, ""])} data-testid={`${id}-add`}>
          + Add
        </button>
      </div>
    </div>
  );
}
