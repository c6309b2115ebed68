// Media types as the CloudEvents HTTP binding needs them: which mode a request is in, and how
// a binary-mode body becomes `data` (JSON, text, or base64 for anything else).

/** The structured-mode media type of one CloudEvent. */
export const STRUCTURED_TYPE = "application/cloudevents+json";
/** The batch-mode media type of a JSON array of CloudEvents. */
export const BATCH_TYPE = "application/cloudevents-batch+json";

/** The `type/subtype` of a Content-Type header, lower-cased, parameters dropped ("" when absent). */
export function mediaTypeEssence(contentType: string | undefined): string {
  return (contentType ?? "").split(";", 1)[0]?.trim().toLowerCase() ?? "";
}

/** True for `application/json` and any `…/…+json` (RFC 6839 structured syntax suffix). */
export function isJsonMediaType(essence: string): boolean {
  return essence === "application/json" || essence === "text/json" || essence.endsWith("+json");
}

/** True for `text/*` (read as UTF-8). */
export function isTextMediaType(essence: string): boolean {
  return essence.startsWith("text/");
}
