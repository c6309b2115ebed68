// `reflex sim --forward-to nats://…` as users run it, in a real process: it says where the
// events go, and the starter fleet's events land in a JetStream stream under --forward-prefix.
// It stops cleanly on SIGTERM. A URL that is neither a Reflex nor a broker, or a prefix the
// broker cannot take, is refused.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { simCommand } from "../../src/cli/commands/sim.js";
import { ValidationError } from "../../src/core/errors.js";
import { waitFor } from "../support/reflex.js";
import { NATS_URL, streamFixture } from "./broker-support.js";
import type { StreamFixture } from "./broker-support.js";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

let child: ChildProcess | undefined;
let fixture: StreamFixture | undefined;
afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await fixture?.cleanup();
});

/** The ValidationError `reflex sim ARGS` refuses with, parsed in this process (refusals come before anything starts). */
async function refusal(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  simCommand(program);
  try {
    await program.parseAsync(["sim", "--port", "0", ...args], { from: "user" });
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as Error).message;
  }
  throw new Error(`reflex sim ${args.join(" ")} was not refused`);
}

describe("reflex sim --forward-to a broker", () => {
  it("publishes the starter fleet's events into the stream under --forward-prefix", { timeout: 30_000 }, async () => {
    fixture = await streamFixture("cli");
    const stream = fixture;
    let output = "";
    child = spawn(process.execPath, ["--import", "tsx", MAIN, "sim", "--port", "0", "--instances", "3", "--speed", "100", "--forward-to", NATS_URL, "--forward-prefix", stream.prefix], { stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child?.once("exit", (code) => resolve(code)));
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    await waitFor(async () => (output.includes("Inject a fault") ? true : undefined), "reflex sim to print its banner", 20_000);
    expect(output).toContain(`Events are published to nats://127.0.0.1:4222 (JetStream) on ${stream.prefix}.tencent.> and ${stream.prefix}.aliyun.>`);
    // The starter fleet's Alibaba instance boots: Pending, then Running.
    const stored = await waitFor(async () => ((await stream.count()) >= 2 ? stream.read(2) : undefined), "the starter fleet's events in the stream", 15_000);
    expect(stored.map((m) => m.subject)).toEqual([`${stream.prefix}.aliyun.ecs.Instance.StateChange`, `${stream.prefix}.aliyun.ecs.Instance.StateChange`]);
    expect(output).not.toContain("forwarding an event failed");
    // A clean stop closes the NATS connection in its bound.
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("refuses a --forward-to that is neither a Reflex nor a broker, and a prefix the broker cannot take", async () => {
    expect(await refusal(["--forward-to", "ftp://127.0.0.1"])).toContain("--forward-to: 'ftp://127.0.0.1' is neither an http(s) URL (a Reflex) nor a broker URL");
    expect(await refusal(["--forward-to", NATS_URL, "--forward-prefix", "a b"])).toContain("--forward-prefix: 'a b' is not a NATS subject prefix");
    expect(await refusal(["--forward-to", "mqtt://127.0.0.1:1883", "--forward-prefix", "sim/#"])).toContain("--forward-prefix: 'sim/#' is not an MQTT topic prefix");
  });
});
