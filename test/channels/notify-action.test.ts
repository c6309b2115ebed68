// `core.notify`: registered like any action (its input schema compiles and is enforced), it sends
// through the same sender as rule targets — the result names the channel and the vendor's
// answer; a refused message fails the task with the vendor's words and the result kept; an
// unknown channel is bad input; and the channel's rate limit is shared with rule deliveries:
// a send past the limit fails at once (retryable) instead of waiting minutes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionError } from "../../src/actions/action-error.js";
import { ActionRegistry } from "../../src/actions/registry.js";
import type { ActionContext } from "../../src/actions/types.js";
import { ChannelSender, createNotifyAction } from "../../src/channels/index.js";
import type { NotifyInput } from "../../src/channels/index.js";
import type { ChannelSpec } from "../../src/config/types.js";
import { ManualClock } from "../../src/core/clock.js";
import { ValidationError } from "../../src/core/errors.js";
import type { Store } from "../../src/store/open-store.js";
import { configFrom, drain, engineFor, ingest } from "../rules/support.js";
import { openTestStore } from "../support/store.js";
import { ALARM, memorySecrets, notificationsOf } from "./support.js";
import { VendorReceiver, wecomReceiver } from "./vendor-receivers.js";

let store: Store;
let cleanup: () => Promise<void>;
const clock = new ManualClock();
const hook = new VendorReceiver(() => ({ status: 200, body: "thanks" }));
const wecom = wecomReceiver("right-key");
let channels: Map<string, ChannelSpec>;

beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
  await Promise.all([hook.start(), wecom.start()]);
  const config = await configFrom(
    `kind: Channel\nname: hook\ntype: webhook\nurl: "${hook.url}/notify"`,
    `kind: Channel\nname: wrong-key\ntype: wecom\nurl: "${wecom.url}/cgi-bin/webhook/send?key={{ secrets.WRONG_KEY }}"`,
    `kind: Channel\nname: slow\ntype: webhook\nurl: "${hook.url}/slow"\nrateLimit: {rate: 1, per: 1m}`,
    `kind: Channel\nname: broken-template\ntype: webhook\nurl: "${hook.url}/broken"\ntemplates: {event: "{{ event.subject + 1 }}"}`,
  );
  channels = new Map(config.channels);
});
afterAll(async () => {
  await Promise.all([hook.stop(), wecom.stop()]);
  await cleanup();
});

const sender = () => new ChannelSender({ store, clock, secrets: memorySecrets({ WRONG_KEY: "not-the-right-key" }), env: {} });
const action = () => createNotifyAction({ sender, channels: () => channels });

function context(lines: string[] = []): ActionContext {
  return {
    executionId: "ex-1",
    taskId: "task-1",
    attempt: 1,
    secrets: {},
    log: { stdout: (l) => lines.push(l), stderr: (l) => lines.push(l), info: (l) => lines.push(l) },
    signal: new AbortController().signal,
  };
}

const run = (input: NotifyInput, lines?: string[]) => action().run(input, context(lines));

describe("core.notify", () => {
  it("is a registrable action whose schema wants a channel and a message or an event", () => {
    const registry = new ActionRegistry().register(action());
    expect(registry.requiredInputs("core.notify")).toEqual(["channel"]);
    expect(() => registry.validateInput("core.notify", { channel: "hook", message: "hi", fields: { host: "ins-1", load: 97 } })).not.toThrow();
    expect(() => registry.validateInput("core.notify", { channel: "hook", event: ALARM })).not.toThrow();
    expect(() => registry.validateInput("core.notify", { channel: "hook", message: 7 })).toThrow(ValidationError);
    expect(() => registry.validateInput("core.notify", { channel: "hook", message: "x", fields: { nested: { no: 1 } } })).toThrow(ValidationError);
  });

  it("sends the message with its title and fields, and returns the channel, the status and the vendor's answer", async () => {
    const lines: string[] = [];
    const result = await run({ channel: "hook", message: "ins-up healed: running again", title: "Healed", fields: { instance: "ins-up", polls: 3 } }, lines);
    expect(result).toMatchObject({ channel: "hook", status: "sent", response: { status: 200, body: "thanks" } });
    expect(hook.requests.at(-1)?.json).toEqual({
      kind: "plain",
      title: "Healed",
      message: "ins-up healed: running again",
      fields: [
        { name: "instance", value: "ins-up" },
        { name: "polls", value: "3" },
      ],
    });
    expect(lines).toEqual(["channel 'hook' (webhook): sent, answer 200"]);
    const [record] = await notificationsOf(store, "hook");
    expect(record).toMatchObject({ origin: "execution ex-1 task task-1", status: "sent", id: (result as { notification: string }).notification });
  });

  it("describes an event with the channel's default message when no text is given", async () => {
    await run({ channel: "hook", event: ALARM });
    expect(hook.requests.at(-1)?.json).toMatchObject({ kind: "event", title: "cvm:ErrorEvent:PingUnreachable on ins-1", message: "cvm:ErrorEvent:PingUnreachable from cvm.cloud.tencent (ins-1)", event: ALARM });
  });

  it("fails with the vendor's words, keeping the result, when the vendor refuses the message", async () => {
    const error = await run({ channel: "wrong-key", message: "x" }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ActionError);
    const failure = error as ActionError;
    expect(failure.message).toBe("channel 'wrong-key' (WeCom) refused the message: errcode 93000 (invalid webhook url, hint: [x])");
    expect(failure.retryable).toBe(true);
    expect(failure.result).toMatchObject({ channel: "wrong-key", status: "failed", response: { status: 200 } });
    expect(JSON.stringify(failure.result)).not.toContain("not-the-right-key");
  });

  it("fails for good, sending nothing, when the channel's template fails", async () => {
    const error = (await run({ channel: "broken-template", event: ALARM }).catch((err: unknown) => err)) as ActionError;
    expect(error).toBeInstanceOf(ActionError);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^channel 'broken-template': template at \/templates\/event: .* in \{\{ event\.subject \+ 1 \}\}$/);
    expect(hook.requests.filter((r) => r.path === "/broken")).toEqual([]);
    expect((await notificationsOf(store, "broken-template")).map((r) => r.status)).toEqual(["failed"]);
  });

  it("refuses an undeclared channel, or neither text nor event, as bad input", async () => {
    const unknown = await run({ channel: "nope", message: "x" }).catch((err: unknown) => err);
    expect(unknown).toBeInstanceOf(ValidationError);
    expect((unknown as ValidationError).message).toBe("core.notify input /channel: channel 'nope' is not declared; declare it with 'kind: Channel' or use one of: broken-template, hook, slow, wrong-key");
    await expect(run({ channel: "hook", title: "no text" })).rejects.toThrow("core.notify input: give 'message' (the text to send) or 'event' (to send the channel's message for it)");
  });

  it("shares the channel's rate limit with rule deliveries, failing at once past it", async () => {
    const sent = () => hook.requests.filter((r) => r.path === "/slow").length;
    await run({ channel: "slow", message: "first" });
    const error = (await run({ channel: "slow", message: "second" }).catch((err: unknown) => err)) as ActionError;
    expect(error).toBeInstanceOf(ActionError);
    expect(error.code).toBe("notify_rate_limited");
    expect(error.retryable).toBe(true);
    expect(error.message).toBe("channel 'slow' is at its rate limit (1 per 60 s); its next free slot is in 60 s");
    expect(sent()).toBe(1);
    // Both at the same (test) millisecond: record order within it is not defined.
    expect((await notificationsOf(store, "slow")).map((r) => r.status).sort()).toEqual(["limited", "sent"]);

    // A rule's delivery through the same channel waits for the slot after the action's send.
    const config = await configFrom(`kind: Channel\nname: slow\ntype: webhook\nurl: "${hook.url}/slow"\nrateLimit: {rate: 1, per: 1m}`, `kind: Rule\nname: slow-rule\npattern: {source: [slow.test]}\ntargets: [{type: notify, channel: slow}]`);
    const { engine } = engineFor(store, clock, config);
    await ingest(store, engine, clock, "default", [{ id: "s-1", source: "slow.test", type: "t" }]);
    await drain(store, clock, engine.handlers);
    expect(sent()).toBe(1);
    clock.advance(60_000);
    await drain(store, clock, engine.handlers);
    expect(sent()).toBe(2);
    // … and the action after it waits its turn again.
    await expect(run({ channel: "slow", message: "third" })).rejects.toThrow("its next free slot is in 60 s");
    clock.advance(60_000);
    await run({ channel: "slow", message: "fourth" });
    expect(sent()).toBe(3);
  });
});
