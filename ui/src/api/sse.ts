// Live views over server-sent events. The browser's EventSource cannot send the bearer token,
// so this reads `text/event-stream` from fetch: it parses events as they arrive, reconnects
// with backoff when the connection drops (sending Last-Event-ID), and stops on abort or when
// the server says the stream is over (the caller returns "stop" from onEvent).
import { useEffect, useRef } from "react";
import { isAbort, toApiError } from "./api-error";
import type { ApiError } from "./api-error";
import { apiResponse } from "./client";

/** One server-sent event: its name (`message` unless named), id, and data (JSON-parsed when it is JSON). */
export interface StreamEvent {
  event: string;
  id: string | undefined;
  data: unknown;
}

/** Callbacks of a stream. Return "stop" from onEvent to close it (e.g. on an `end` event). */
export interface StreamHandlers {
  onEvent: (event: StreamEvent) => "stop" | void;
  /** Connection state changes, for a "live" / "reconnecting" indicator. */
  onState?: (state: "connecting" | "open" | "retrying" | "closed", error?: ApiError) => void;
}

/** Splits a growing text buffer into complete events; returns the events and the rest. */
export function parseEvents(buffer: string): { events: { event: string; id: string | undefined; data: string }[]; rest: string } {
  const events: { event: string; id: string | undefined; data: string }[] = [];
  const blocks = buffer.split(/\r\n\r\n|\n\n|\r\r/);
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let event = "message";
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r\n|\n|\r/)) {
      if (line === "" || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "id") id = value;
      else if (field === "data") data.push(value);
    }
    if (data.length > 0) events.push({ event, id, data: data.join("\n") });
  }
  return { events, rest };
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Follows `path` until `signal` aborts or a handler returns "stop". Never rejects. */
export async function followStream(path: string, handlers: StreamHandlers, signal: AbortSignal): Promise<void> {
  let lastId: string | undefined;
  let delay = 500;
  while (!signal.aborted) {
    handlers.onState?.("connecting");
    try {
      const response = await apiResponse(path, { signal, headers: { accept: "text/event-stream", ...(lastId === undefined ? {} : { "last-event-id": lastId }) } });
      if (response.body === null) throw new Error("the server sent no stream");
      handlers.onState?.("open");
      delay = 500;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const parsed = parseEvents(buffer + value);
        buffer = parsed.rest;
        for (const e of parsed.events) {
          if (e.id !== undefined) lastId = e.id;
          if (handlers.onEvent({ event: e.event, id: e.id, data: parseData(e.data) }) === "stop") {
            await reader.cancel().catch(() => undefined);
            handlers.onState?.("closed");
            return;
          }
        }
      }
    } catch (error) {
      if (isAbort(error) || signal.aborted) break;
      const apiError = toApiError(error, path);
      // 4xx other than 429 will not get better by retrying (401 already signed the user out).
      if (apiError.status >= 400 && apiError.status < 500 && apiError.status !== 429) {
        handlers.onState?.("closed", apiError);
        return;
      }
      handlers.onState?.("retrying", apiError);
    }
    if (signal.aborted) break;
    // The stream ended or failed: wait, then reconnect.
    await new Promise((resolve) => window.setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 10_000);
  }
  handlers.onState?.("closed");
}

/**
 * Follows a stream while the component is shown (`null`: none). The handlers may change between
 * renders without reconnecting; a new path reconnects.
 */
export function useEventStream(path: string | null, handlers: StreamHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    void followStream(path, { onEvent: (e) => latest.current.onEvent(e), onState: (s, err) => latest.current.onState?.(s, err) }, controller.signal);
    return () => controller.abort();
  }, [path]);
}
