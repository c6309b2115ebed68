// `kind: Channel`: where a rule's `notify` targets and the `core.notify` action send messages —
// a generic webhook, the chat robots of WeCom, DingTalk, Feishu/Lark and Slack, or email over
// SMTP. The fields per type are in `channel-schema.ts`; this file checks what the schema cannot
// (URLs, placeholders in secret settings, templates, addresses) and fills in the defaults.
//
//   kind: Channel
//   name: oncall
//   type: dingtalk
//   url: "https://oapi.dingtalk.com/robot/send?access_token={{ secrets.DINGTALK_TOKEN }}"
//   secret: "{{ secrets.DINGTALK_SECRET }}"
//   mentions: {mobiles: ["13800000000"]}
//   rateLimit: {rate: 20, per: 1m}
//   templates: {event: "{{ message.text & ' — see the runbook' }}"}
import { parseDuration } from "../../core/duration.js";
import { pointerSegment } from "../../core/json.js";
import { referencedSecrets } from "../../core/secrets.js";
import type { ConfigProblem } from "../problem.js";
import type { ProblemLocator } from "../problem-locator.js";
import type { ChannelMentions, ChannelSecret, ChannelSpec, SmtpSecurity } from "../types.js";
import { fillPlaceholders, hasPlaceholders, placeholderProblems } from "./channel-secrets.js";
import { ChannelSchema } from "./channel-schema.js";
import type { ChannelDocument } from "./channel-schema.js";
import { durationBoundsProblems } from "./duration-bounds.js";
import { headerNameProblems, httpUrlProblems } from "./http-fields.js";
import { defineKind } from "./kind.js";
import { templateProblems } from "./template-check.js";

/** The SMTP port of each way of securing the connection, when the document gives none. */
const SMTP_PORTS: Record<SmtpSecurity, number> = { tls: 465, starttls: 587, none: 25 };

/** What the schema cannot check. */
function channelProblems(value: ChannelDocument, at: ProblemLocator): ConfigProblem[] {
  const problems = [
    ...durationBoundsProblems(value.rateLimit?.per, "/rateLimit/per", { label: "'rateLimit.per'", above: 0 }, at),
    ...Object.entries(value.templates ?? {}).flatMap(([kind, text]) => messageTemplateProblems(text, `/templates/${kind}`, at)),
  ];
  switch (value.type) {
    case "webhook":
      problems.push(...urlProblems(value.url, at), ...headerNameProblems(value.headers, "/headers", at), ...placeholderProblems(value.hmacSecret, "/hmacSecret", at));
      for (const [name, text] of Object.entries(value.headers ?? {})) problems.push(...placeholderProblems(text, `/headers/${pointerSegment(name)}`, at));
      break;
    case "wecom":
      problems.push(...urlProblems(value.url, at));
      if (value.mentions !== undefined && value.format !== "text") {
        problems.push(at.problem("/mentions", "WeCom markdown messages cannot mention people; add 'format: text' to mention them", "key"));
      }
      break;
    case "dingtalk":
    case "feishu":
      problems.push(...urlProblems(value.url, at), ...placeholderProblems(value.secret, "/secret", at));
      break;
    case "slack":
      problems.push(...urlProblems(value.url, at));
      break;
    case "email":
      problems.push(...emailProblems(value, at));
      break;
  }
  return problems;
}

/** A problem when a URL setting is not an absolute http(s) URL once its placeholders are filled in. */
function urlProblems(url: ChannelSecret, at: ProblemLocator): ConfigProblem[] {
  if (typeof url !== "string") return [];
  if (!hasPlaceholders(url)) return httpUrlProblems(url, "/url", at);
  const bad = placeholderProblems(url, "/url", at);
  if (bad.length > 0 || url.trimStart().startsWith("{{")) return bad;
  return httpUrlProblems(fillPlaceholders(url, () => "secret"), "/url", at).map(() =>
    at.problem("/url", `'${url}' is not an absolute http(s) URL once its secrets are filled in; write it in full, e.g. https://hooks.example.com/path?key={{ secrets.HOOK_KEY }}`),
  );
}

/** A message template must compile and must not read secrets (messages are stored and shown). */
function messageTemplateProblems(text: string, pointer: string, at: ProblemLocator): ConfigProblem[] {
  const syntax = templateProblems(text, pointer, at);
  if (syntax.length > 0) return syntax;
  const secrets = referencedSecrets(text);
  if (secrets.length === 0) return [];
  return [at.problem(pointer, `a message template cannot read secrets (it reads ${secrets.map((s) => `secrets.${s}`).join(", ")}): messages are recorded and shown to people; put secrets in the channel's settings instead`)];
}

/** An address as mail headers carry it: `a@b.c`, or `Name <a@b.c>`; no line breaks. */
const ADDRESS = /^(?:[^\r\n<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/;

function emailProblems(value: Extract<ChannelDocument, { type: "email" }>, at: ProblemLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (!ADDRESS.test(value.from.trim())) problems.push(at.problem("/from", `'${value.from}' is not an email address; write e.g. reflex@example.com or "Reflex <reflex@example.com>"`));
  value.to.forEach((to, i) => {
    if (!ADDRESS.test(to.trim())) problems.push(at.problem(`/to/${i}`, `'${to}' is not an email address; write e.g. oncall@example.com`));
  });
  if (value.subject !== undefined) problems.push(...messageTemplateProblems(value.subject, "/subject", at));
  if (value.auth !== undefined) {
    problems.push(...placeholderProblems(value.auth.user, "/auth/user", at), ...placeholderProblems(value.auth.pass, "/auth/pass", at));
    if (value.security === "none") {
      problems.push(at.problem("/security", "'security: none' would send the SMTP password in clear text; use starttls (port 587) or tls (port 465)"));
    }
  }
  return problems;
}

function mentionsOf(doc: { users?: string[]; mobiles?: string[]; all?: boolean } | undefined): ChannelMentions | undefined {
  if (doc === undefined) return undefined;
  return { users: [...(doc.users ?? [])], mobiles: [...(doc.mobiles ?? [])], all: doc.all ?? false };
}

/** The Channel spec for a valid document, defaults filled in. */
export function buildChannel(doc: ChannelDocument): ChannelSpec {
  const spec = typeSpec(doc);
  if (doc.description !== undefined) spec.description = doc.description;
  if (doc.rateLimit !== undefined) spec.rateLimit = { rate: doc.rateLimit.rate, perMs: parseDuration(doc.rateLimit.per) };
  if (doc.templates !== undefined) spec.templates = { ...doc.templates };
  return spec;
}

/** The fields of the channel's own type. */
function typeSpec(doc: ChannelDocument): ChannelSpec {
  const name = doc.name;
  switch (doc.type) {
    case "webhook": {
      const spec: ChannelSpec = { name, type: "webhook", url: doc.url, headers: { ...doc.headers } };
      if (doc.hmacSecret !== undefined) spec.hmacSecret = doc.hmacSecret;
      return spec;
    }
    case "wecom": {
      const spec: ChannelSpec = { name, type: "wecom", url: doc.url, format: doc.format ?? "markdown" };
      const mentions = mentionsOf(doc.mentions);
      if (mentions) spec.mentions = mentions;
      return spec;
    }
    case "dingtalk": {
      const spec: ChannelSpec = { name, type: "dingtalk", url: doc.url, format: doc.format ?? "markdown" };
      if (doc.secret !== undefined) spec.secret = doc.secret;
      const mentions = mentionsOf(doc.mentions);
      if (mentions) spec.mentions = mentions;
      return spec;
    }
    case "feishu": {
      const spec: ChannelSpec = { name, type: "feishu", url: doc.url, format: doc.format ?? "card" };
      if (doc.secret !== undefined) spec.secret = doc.secret;
      return spec;
    }
    case "slack":
      return { name, type: "slack", url: doc.url };
    case "email": {
      const security = doc.security ?? (doc.port === SMTP_PORTS.tls ? "tls" : "starttls");
      const spec: ChannelSpec = {
        name,
        type: "email",
        host: doc.host,
        port: doc.port ?? SMTP_PORTS[security],
        security,
        verifyCertificate: doc.verifyCertificate ?? true,
        from: doc.from.trim(),
        to: doc.to.map((t) => t.trim()),
      };
      if (doc.auth !== undefined) spec.auth = { user: doc.auth.user, pass: doc.auth.pass };
      if (doc.subject !== undefined) spec.subject = doc.subject;
      return spec;
    }
  }
}

/** The Channel kind for the registry. */
export const channelKind = defineKind({
  kind: "Channel",
  schema: ChannelSchema,
  check: channelProblems,
  build: buildChannel,
  assemble: (specs, config) => ({ ...config, channels: new Map([...config.channels, ...specs.map((s) => [s.name, s] as const)]) }),
});
