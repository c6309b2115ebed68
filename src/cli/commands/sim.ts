// `reflex sim`: runs the cloud simulator in the foreground — Tencent Cloud API 3.0, Alibaba
// Cloud RPC and the /sim control API on one port, a starter fleet to break and heal — and
// prints its URL and the credentials it accepts, until SIGINT or SIGTERM. `reflex sim fault
// INSTANCE KIND` injects a fault and `reflex sim fleet` lists the instances of a running
// simulator (--sim, REFLEX_SIM_URL).
import type { Command } from "commander";
import { ValidationError } from "../../core/errors.js";
import { brokerOfUrl } from "../../sim/broker-forwarder.js";
import { checkSubjectPrefix } from "../../sim/broker-subject.js";
import { ForwardError } from "../../sim/event-forwarder.js";
import { SimControlClient } from "../../sim/control-client.js";
import { startSimulator } from "../../sim/server.js";
import type { RunningSimulator } from "../../sim/server.js";
import { seedStarterFleet } from "../../sim/starter-instances.js";
import type { SimFaultKind, SimInstance } from "../../sim/types.js";
import { printJson, printTable } from "../output.js";

const DEFAULT_SIM_URL = "http://127.0.0.1:7421";

interface SimOptions {
  port: string;
  host: string;
  instances: string;
  speed: string;
  forwardTo?: string;
  forwardToken?: string;
  forwardPrefix: string;
  controlToken?: string;
}

interface ClientOptions {
  sim: string;
  simToken?: string;
  json?: boolean;
}

export function simCommand(program: Command): void {
  const sim = program
    .command("sim")
    .description("run the cloud simulator (Tencent Cloud and Alibaba Cloud APIs, faults, a chat robot) in the foreground")
    .option("-p, --port <port>", "HTTP port", process.env.REFLEX_SIM_PORT ?? "7421")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--instances <n>", "starter instances: two thirds Tencent, the rest Alibaba behind an SLB group, one of them preemptible", "6")
    .option("--speed <x>", "time scale: 10 runs every boot, stop and reboot ten times faster", "1")
    .option("--forward-to <url>", "POST every emitted event to this Reflex (its /api/v1/ingest/tencent and /aliyun), or publish it to this broker (nats://, tls:// JetStream; mqtt://, mqtts://, ws://, wss://)")
    .option("--forward-token <token>", "bearer token for --forward-to (a NATS token for a nats:// URL)", process.env.REFLEX_SIM_FORWARD_TOKEN)
    .option("--forward-prefix <prefix>", "subject (NATS) or topic (MQTT) prefix when --forward-to is a broker", "sim")
    .option("--control-token <token>", "require this bearer token on control requests that change something", process.env.REFLEX_SIM_TOKEN)
    .action(async (opts: SimOptions, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json === true;
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ValidationError(`--port: '${opts.port}' is not a port number`);
      const count = Number(opts.instances);
      if (!Number.isInteger(count) || count < 0 || count > 1000) throw new ValidationError(`--instances: '${opts.instances}' is not a whole number from 0 to 1000`);
      const speed = Number(opts.speed);
      if (!Number.isFinite(speed) || speed <= 0) throw new ValidationError(`--speed: '${opts.speed}' is not a positive number`);
      const broker = opts.forwardTo === undefined ? undefined : brokerOfUrl(opts.forwardTo);
      const toBroker = broker !== undefined;
      if (opts.forwardTo !== undefined && !toBroker && !/^https?:\/\/[^/]/.test(opts.forwardTo)) throw new ValidationError(`--forward-to: '${opts.forwardTo}' is neither an http(s) URL (a Reflex) nor a broker URL (nats://, tls://, mqtt://, mqtts://, ws://, wss://)`);
      if (broker !== undefined) checkSubjectPrefix(opts.forwardPrefix, broker, "--forward-prefix");
      const running = await startSimulator({
        port,
        host: opts.host,
        speed,
        ...(opts.controlToken ? { controlToken: opts.controlToken } : {}),
        ...(opts.forwardTo ? { forwardTo: { url: toBroker ? opts.forwardTo : opts.forwardTo.replace(/\/+$/, ""), prefix: opts.forwardPrefix, ...(opts.forwardToken ? { token: opts.forwardToken } : {}) } } : {}),
        onForwardError: (err) => process.stderr.write(`reflex sim: forwarding an event failed${err instanceof ForwardError && !err.retrying ? " (not retried)" : " (will retry)"}: ${err instanceof Error ? err.message : String(err)}\n`),
      });
      const seeded = seedStarterFleet(running.fleet, count);
      if (json) printJson({ url: running.url, credentials: running.credentials, instances: seeded.instances, groups: seeded.group ? [seeded.group] : [] });
      else printBanner(running, seeded.instances, opts.forwardTo === undefined ? undefined : forwardLine(opts.forwardTo, broker, opts.forwardPrefix));
      const stop = () => {
        running.close().then(
          () => process.exit(0),
          (err: unknown) => {
            process.stderr.write(`reflex sim: shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`);
            process.exit(1);
          },
        );
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });

  sim
    .command("fault <instance> <kind>")
    .description("inject a fault into an instance of a running simulator (ping_unreachable, disk_readonly, kernel_fault, oom, …)")
    .option("--sim <url>", "the simulator's URL", process.env.REFLEX_SIM_URL ?? DEFAULT_SIM_URL)
    .option("--sim-token <token>", "its control token", process.env.REFLEX_SIM_TOKEN)
    .action(async (instance: string, kind: string, _opts: unknown, command: Command) => {
      const o = command.optsWithGlobals<ClientOptions>();
      const fault = await client(o).injectFault(instance, kind as SimFaultKind);
      if (o.json) return printJson(fault);
      process.stdout.write(`injected ${fault.kind} into ${fault.instanceId} (fault ${fault.id})\n`);
    });

  sim
    .command("fleet")
    .description("list the instances of a running simulator")
    .option("--sim <url>", "the simulator's URL", process.env.REFLEX_SIM_URL ?? DEFAULT_SIM_URL)
    .option("--sim-token <token>", "its control token", process.env.REFLEX_SIM_TOKEN)
    .option("--released", "include released instances")
    .action(async (opts: { released?: boolean }, command: Command) => {
      const o = command.optsWithGlobals<ClientOptions>();
      const instances = await client(o).instances(opts.released ? { released: true } : {});
      if (o.json) return printJson(instances);
      printTable(instances.map(row), ["id", "cloud", "name", "state", "ip", "region", "process", "faults"]);
    });
}

function client(o: ClientOptions): SimControlClient {
  return new SimControlClient({ url: o.sim, ...(o.simToken ? { token: o.simToken } : {}) });
}

function row(i: SimInstance): Record<string, string> {
  const tags = i.preemptible ? " (spot)" : "";
  return {
    id: i.id,
    cloud: i.cloud,
    name: `${i.name}${tags}`,
    state: i.state,
    ip: i.privateIp,
    region: i.region,
    process: `${i.process.name} ${i.process.running ? "up" : "down"}`,
    faults: i.activeFaults.join(",") || "-",
  };
}

/** The banner's line saying where events go. */
function forwardLine(url: string, broker: "nats" | "mqtt" | undefined, prefix: string): string {
  if (broker === undefined) return `Events go to ${url}/api/v1/ingest/{tencent,aliyun}.`;
  const shown = new URL(url);
  shown.username = "";
  shown.password = "";
  return broker === "nats"
    ? `Events are published to ${shown.href} (JetStream) on ${prefix}.tencent.> and ${prefix}.aliyun.>; a stream must capture them (nats stream add SIM --subjects '${prefix}.>').`
    : `Events are published to ${shown.href} on ${prefix}/tencent/# and ${prefix}/aliyun/# (QoS 1).`;
}

function printBanner(running: RunningSimulator, instances: readonly SimInstance[], forwardLine: string | undefined): void {
  const { tencent, aliyun } = running.credentials;
  const lines = [
    `Reflex cloud simulator listening on ${running.url}`,
    "",
    "Point Reflex's cloud packs at it:",
    `  REFLEX_TENCENT_ENDPOINT=${running.url}`,
    `  REFLEX_ALIYUN_ENDPOINT=${running.url}`,
    "and give them the keys it accepts:",
    `  printf %s ${tencent.secretId} | reflex secrets set tencent.secret_id`,
    `  printf %s ${tencent.secretKey} | reflex secrets set tencent.secret_key`,
    `  printf %s ${aliyun.accessKeyId} | reflex secrets set aliyun.access_key_id`,
    `  printf %s ${aliyun.accessKeySecret} | reflex secrets set aliyun.access_key_secret`,
    "",
    forwardLine ?? "Events are kept at /sim/events (add --forward-to URL to send them to Reflex or a broker).",
    `Chat robot: POST ${running.url}/sim/chat/CHANNEL (WeCom, DingTalk, Feishu, Slack, webhook); read them at /sim/chat.`,
    "",
    `${instances.length} instances:`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  printTable(instances.map(row), ["id", "cloud", "name", "state", "ip", "region", "process", "faults"]);
  process.stdout.write(`\nInject a fault: reflex sim fault ${instances[0]?.id ?? "INSTANCE"} ping_unreachable --sim ${running.url}\n`);
}
