// The configuration kinds that act on their own — probes (with the state the scheduler keeps
// for each), schedules, Functions and broker sources — are readable through the API like every
// kind, each with the file and line it came from. Nothing secret is shown: header values,
// Function environments and broker credentials are left out (their names only).
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { NotFoundError } from "../../core/errors.js";
import { formatOptionalRfc3339 } from "../../core/rfc3339.js";
import { readProbeStates } from "../../sources/probes/index.js";
import type { ServerContext } from "../context.js";
import { NameParam, Problem } from "../schemas.js";

const Item = Type.Record(Type.String(), Type.Unknown());
const List = Type.Object({ items: Type.Array(Item) });

type Entry = Record<string, unknown> & { name: string };

export function automationConfigRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const origin = (kind: string, name: string) => ctx.config().origins.get(`${kind}/${name}`) ?? null;

  const probes = async (): Promise<Entry[]> => {
    const specs = [...ctx.config().probes.values()];
    const states = new Map((await readProbeStates(ctx.store.db, specs.map((p) => p.name))).map((s) => [s.name, s]));
    return specs.map((spec) => {
      const state = states.get(spec.name);
      const shown: Entry = { kind: "Probe", ...spec, origin: origin("Probe", spec.name) };
      if ("headers" in spec) shown.headers = Object.keys(spec.headers);
      shown.state = state
        ? { status: state.status, failures: Number(state.failures), successes: Number(state.successes), lastCheckAt: formatOptionalRfc3339(state.last_check_ms === null ? null : Number(state.last_check_ms)), lastResult: state.last_result, lastReason: state.last_reason, lastChangeAt: formatOptionalRfc3339(state.last_change_ms === null ? null : Number(state.last_change_ms)) }
        : { status: "unknown" };
      return shown;
    });
  };
  const schedules = async (): Promise<Entry[]> => [...ctx.config().schedules.values()].map((s) => ({ kind: "Schedule", ...s, origin: origin("Schedule", s.name) }));
  const functions = async (): Promise<Entry[]> =>
    [...ctx.config().functions.values()].map((f) => ({
      kind: "Function",
      name: f.name,
      ...(f.description === undefined ? {} : { description: f.description }),
      source: f.source,
      timeoutMs: f.timeoutMs,
      memoryMiB: f.memoryMiB,
      env: Object.keys(f.env),
      secrets: f.secrets,
      ...(f.inputSchema === undefined ? {} : { inputSchema: f.inputSchema }),
      action: `function.${f.name}`,
      origin: origin("Function", f.name),
    }));
  const brokers = async (): Promise<Entry[]> =>
    [...ctx.config().brokerSources.values()].map((s) => ({ kind: "Source", name: s.name, type: s.type, bus: s.bus, ...(s.description === undefined ? {} : { description: s.description }), origin: origin("Source", s.name) }));

  const kinds: [string, string, string, () => Promise<Entry[]>][] = [
    ["probes", "probe", "Probes with their current state", probes],
    ["schedules", "schedule", "Schedules", schedules],
    ["functions", "Function", "Functions (environment and code left out)", functions],
    ["broker-sources", "broker source", "Broker sources (credentials left out)", brokers],
  ];
  for (const [path, what, summary, list] of kinds) {
    app.get(`/api/v1/${path}`, { config: { access: "viewer" }, schema: { summary: `List ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`, tags: ["config"], response: { 200: List } } }, async () => ({ items: await list() }));
    app.get<{ Params: { name: string } }>(
      `/api/v1/${path}/:name`,
      { config: { access: "viewer" }, schema: { summary: `Get one of the ${path}`, tags: ["config"], params: NameParam, response: { 200: Item, 404: Problem } } },
      async (request) => {
        const found = (await list()).find((e) => e.name === request.params.name);
        if (!found) throw new NotFoundError(what, request.params.name);
        return found;
      },
    );
  }
}
