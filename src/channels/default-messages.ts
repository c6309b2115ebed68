// The message a channel sends when nobody wrote one: for an alert event (what happened, where,
// which rule matched, a few data fields), for a workflow execution's result (workflow, status,
// duration, error, a link to it) and for an approval request (the question and the link to
// answer it). The event's type says which: `reflex.execution.<status>` events carry an
// execution's result, `reflex.approval.requested` an approval; anything else is an alert.
import { APPROVAL_REQUESTED_EVENT, EXECUTION_EVENT_PREFIX } from "../core/engine-events.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import { isJsonObject } from "../core/json.js";
import type { ChannelMessage, MessageField, MessageKind, NotifySubject } from "./message.js";

export { APPROVAL_REQUESTED_EVENT, EXECUTION_EVENT_PREFIX } from "../core/engine-events.js";

/** Most data fields an alert message shows. */
const MAX_DATA_FIELDS = 5;

/** Longest field value shown, in characters. */
const MAX_FIELD_CHARS = 200;

/** Which kind of message fits `subject`. */
export function messageKind(subject: NotifySubject): MessageKind {
  const type = subject.event?.type;
  if (typeof type !== "string") return "plain";
  if (type === APPROVAL_REQUESTED_EVENT) return "approval";
  return type.startsWith(EXECUTION_EVENT_PREFIX) ? "execution" : "event";
}

/** The default message of `kind` about `subject`; links start with `publicUrl` when there is one. */
export function defaultMessage(subject: NotifySubject, kind: MessageKind, publicUrl: string | undefined): ChannelMessage {
  const event = subject.event ?? {};
  switch (kind) {
    case "event":
      return alertMessage(subject, event);
    case "execution":
      return executionMessage(event, publicUrl);
    case "approval":
      return approvalMessage(event, publicUrl);
    case "plain":
      return { kind, title: "Reflex", text: "", fields: [] };
  }
}

function alertMessage(subject: NotifySubject, event: JsonObject): ChannelMessage {
  const type = text(event.type);
  const source = text(event.source);
  const about = event.subject === undefined ? "" : text(event.subject);
  const count = subject.events?.length ?? 1;
  const what = `${type} from ${source}${about === "" ? "" : ` (${about})`}`;
  const summary = count > 1 ? `${count} events, the first ${what}` : what;
  const fields: MessageField[] = [
    { name: "Source", value: source },
    { name: "Type", value: type },
    ...optional("Subject", event.subject),
    ...optional("Time", event.time),
    ...optional("Region", event.region),
    ...dataFields(event.data),
  ];
  if (subject.rule) fields.push({ name: "Rule", value: subject.rule.name });
  return {
    kind: "event",
    title: `${count > 1 ? `${count} events: ` : ""}${type}${about === "" ? "" : ` on ${about}`}`,
    text: subject.rule ? `rule ${subject.rule.name}: ${summary}` : summary,
    fields,
  };
}

function executionMessage(event: JsonObject, publicUrl: string | undefined): ChannelMessage {
  const data = isJsonObject(event.data) ? event.data : {};
  const id = text(data.executionId ?? data.id ?? event.subject);
  const workflow = text(data.workflow);
  const status = text(data.status ?? text(event.type).slice(EXECUTION_EVENT_PREFIX.length));
  const duration = typeof data.durationMs === "number" ? formatDuration(data.durationMs) : undefined;
  const error = data.error === undefined || data.error === null ? undefined : text(data.error);
  const message: ChannelMessage = {
    kind: "execution",
    title: `Workflow ${workflow} ${status}`,
    text: `execution ${id} of workflow ${workflow} ${status}${duration === undefined ? "" : ` after ${duration}`}${error === undefined ? "" : `: ${error}`}`,
    fields: [
      { name: "Workflow", value: workflow },
      { name: "Status", value: status },
      ...optional("Duration", duration),
      ...optional("Error", error),
      { name: "Execution", value: id },
    ],
  };
  if (publicUrl !== undefined) message.link = { label: "Open the execution", url: `${publicUrl}/executions/${encodeURIComponent(id)}` };
  return message;
}

function approvalMessage(event: JsonObject, publicUrl: string | undefined): ChannelMessage {
  const data = isJsonObject(event.data) ? event.data : {};
  const id = text(data.approvalId ?? data.id ?? event.subject);
  const workflow = data.workflow === undefined ? undefined : text(data.workflow);
  const question = data.message === undefined ? "A workflow waits for a decision." : text(data.message);
  const message: ChannelMessage = {
    kind: "approval",
    title: `Approval needed${workflow === undefined ? "" : `: ${workflow}`}`,
    text: publicUrl === undefined ? `${question}\n\nAnswer with \`reflex approvals approve ${id}\` or \`reflex approvals reject ${id}\`.` : question,
    fields: [...optional("Workflow", workflow), ...optional("Execution", data.executionId), ...optional("Expires", data.expiresAt), { name: "Approval", value: id }],
  };
  if (publicUrl !== undefined) message.link = { label: "Answer", url: `${publicUrl}/approvals/${encodeURIComponent(id)}` };
  return message;
}

/** Up to MAX_DATA_FIELDS top-level scalar values of the event's data, by key. */
function dataFields(data: JsonValue | undefined): MessageField[] {
  if (!isJsonObject(data)) return [];
  return Object.entries(data)
    .filter(([, v]) => typeof v === "string" || typeof v === "number" || typeof v === "boolean")
    .slice(0, MAX_DATA_FIELDS)
    .map(([name, v]) => ({ name, value: text(v) }));
}

function optional(name: string, value: JsonValue | undefined): MessageField[] {
  return value === undefined || value === null || value === "" ? [] : [{ name, value: text(value) }];
}

/** A value as a person reads it in a field, cut to MAX_FIELD_CHARS. */
function text(value: JsonValue | undefined): string {
  const shown = value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  return shown.length > MAX_FIELD_CHARS ? `${shown.slice(0, MAX_FIELD_CHARS - 1)}…` : shown;
}

/** `ms` for people: `850 ms`, `42 s`, `3 min 5 s`, `2 h 10 min`. */
function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = Math.round(ms / 1_000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min${seconds % 60 === 0 ? "" : ` ${seconds % 60} s`}`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h${minutes % 60 === 0 ? "" : ` ${minutes % 60} min`}`;
}
