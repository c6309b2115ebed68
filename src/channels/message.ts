// What a channel sends, before any vendor's format: a title, a markdown-ish text, a few named
// fields and an optional link. Each channel type turns this one shape into its vendor's request
// (a WeCom markdown message, a Slack block list, a mail), so the defaults and templates are
// written once for all of them. A subject says what the message is about (the event, the rule
// that matched it), which picks the default message and feeds the templates.
import type { JsonObject } from "../core/json.js";

/** Which default message and which channel template apply. */
export type MessageKind = "event" | "execution" | "approval" | "plain";

/** One named value shown with the message (`Subject: ins-1`). */
export interface MessageField {
  name: string;
  value: string;
}

/** A link the reader may follow (the execution, the approval to answer). */
export interface MessageLink {
  label: string;
  url: string;
}

/** A message as every channel type receives it. */
export interface ChannelMessage {
  kind: MessageKind;
  title: string;
  /** Markdown-ish: `**bold**`, `[label](url)` and line breaks read well everywhere. */
  text: string;
  fields: MessageField[];
  link?: MessageLink;
}

/** What a message is about; stored with a rule's delivery, so it is plain JSON. */
export interface NotifySubject {
  /** The rule whose target sends the message. */
  rule?: { name: string; labels: Record<string, string> };
  /** The event (a group's first event). */
  event?: JsonObject;
  /** Every event of a group, oldest first. */
  events?: JsonObject[];
}

/** What the sender's caller sets itself, over the channel's templates and the defaults. */
export interface MessageOverrides {
  title?: string;
  text?: string;
  /** Added after the default fields; a field of the same name replaces the default one. */
  fields?: MessageField[];
}
