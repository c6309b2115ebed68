// The control API's request bodies, checked before anything reaches the fleet: instance specs
// (cloud, ids with the cloud's prefix, region, IP, tags, disks, start state), fault kinds,
// vServer group specs. Each refusal names the JSON pointer of the field at fault and, for a
// closed set such as the fault kinds, lists the valid values.
import { isIPv4 } from "node:net";
import type { JsonValue } from "../core/json.js";
import { isJsonObject, pointerSegment } from "../core/json.js";
import { ControlError } from "./control-problem.js";
import { SIM_FAULT_KINDS } from "./types.js";
import type { SimBackend, SimFaultKind, SimInstanceSpec } from "./types.js";

const SPEC_FIELDS = ["id", "cloud", "name", "region", "zone", "privateIp", "tags", "preemptible", "process", "dataDisks", "state"];
const ID_PREFIX = { tencent: "ins-", aliyun: "i-" } as const;
const REGION = /^[a-z]+(-[a-z0-9]+)+$/;

/** The instance specs of a `POST /sim/instances` body: `{"instances": [...]}` or `{"count": N, "spec": {...}}`. */
export function parseCreateInstances(body: JsonValue): SimInstanceSpec[] {
  const root = object(body, "");
  if (root["instances"] !== undefined) {
    onlyFields(root, ["instances"], "");
    const list = root["instances"];
    if (!Array.isArray(list) || list.length === 0 || list.length > 100) throw invalid("/instances", "instances must be an array of 1 to 100 instance specs");
    return list.map((spec, n) => parseInstanceSpec(spec, `/instances/${n}`));
  }
  if (root["count"] !== undefined || root["spec"] !== undefined) {
    onlyFields(root, ["count", "spec"], "");
    const count = root["count"] ?? 1;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > 100) throw invalid("/count", "count must be a whole number from 1 to 100");
    const spec = parseInstanceSpec(root["spec"] ?? null, "/spec");
    if (spec.id !== undefined && count > 1) throw invalid("/spec/id", "an id can be given only with count 1");
    return Array.from({ length: count }, () => ({ ...spec }));
  }
  throw invalid("", 'give {"instances": [spec, …]} or {"count": N, "spec": spec}, where a spec is {"cloud": "tencent"|"aliyun", …}');
}

/** One instance spec at `pointer`. */
export function parseInstanceSpec(value: JsonValue, pointer: string): SimInstanceSpec {
  const s = object(value, pointer);
  onlyFields(s, SPEC_FIELDS, pointer);
  const cloud = s["cloud"];
  if (cloud !== "tencent" && cloud !== "aliyun") throw invalid(`${pointer}/cloud`, `cloud must be "tencent" or "aliyun"${cloud === undefined ? " (it is required)" : `, not ${JSON.stringify(cloud)}`}`);
  const spec: SimInstanceSpec = { cloud };
  const id = optionalText(s, "id", pointer, 64);
  if (id !== undefined) {
    if (!id.startsWith(ID_PREFIX[cloud]) || !/^[a-z]+-[A-Za-z0-9-]+$/.test(id)) throw invalid(`${pointer}/id`, `a ${cloud} instance id starts with '${ID_PREFIX[cloud]}' followed by letters and digits, e.g. ${cloud === "tencent" ? "ins-a1b2c3d4" : "i-bp1a2b3c4d5e6f7g8h9i"}`);
    spec.id = id;
  }
  const name = optionalText(s, "name", pointer, 128);
  if (name !== undefined) spec.name = name;
  for (const field of ["region", "zone"] as const) {
    const v = optionalText(s, field, pointer, 64);
    if (v !== undefined && !REGION.test(v)) throw invalid(`${pointer}/${field}`, `${field} '${v}' is not of the form ap-guangzhou / cn-hangzhou-i`);
    if (v !== undefined) spec[field] = v;
  }
  const ip = optionalText(s, "privateIp", pointer, 15);
  if (ip !== undefined && !isIPv4(ip)) throw invalid(`${pointer}/privateIp`, `privateIp '${ip}' is not an IPv4 address`);
  if (ip !== undefined) spec.privateIp = ip;
  if (s["tags"] !== undefined) spec.tags = tags(s["tags"], `${pointer}/tags`);
  if (s["preemptible"] !== undefined) {
    if (typeof s["preemptible"] !== "boolean") throw invalid(`${pointer}/preemptible`, "preemptible must be true or false");
    spec.preemptible = s["preemptible"];
  }
  const process = optionalText(s, "process", pointer, 64);
  if (process !== undefined && !/^[\w.@-]+$/.test(process)) throw invalid(`${pointer}/process`, "process must be a service name (letters, digits, . _ @ -)");
  if (process !== undefined) spec.process = process;
  const disks = s["dataDisks"];
  if (disks !== undefined) {
    if (typeof disks !== "number" || !Number.isInteger(disks) || disks < 0 || disks > 16) throw invalid(`${pointer}/dataDisks`, "dataDisks must be a whole number from 0 to 16");
    spec.dataDisks = disks;
  }
  const state = s["state"];
  if (state !== undefined) {
    if (state !== "RUNNING" && state !== "STOPPED") throw invalid(`${pointer}/state`, 'state must be "RUNNING" or "STOPPED" (leave it out to go through PENDING)');
    spec.state = state;
  }
  return spec;
}

/** The fault kind of a `POST /sim/instances/:id/faults` body. */
export function parseFaultKind(body: JsonValue): SimFaultKind {
  const root = object(body, "");
  onlyFields(root, ["kind"], "");
  const kind = root["kind"];
  if (typeof kind !== "string" || !(SIM_FAULT_KINDS as readonly string[]).includes(kind)) {
    throw invalid("/kind", `${kind === undefined ? "kind is required" : `kind ${JSON.stringify(kind)} is not a fault the simulator knows`}; valid kinds: ${SIM_FAULT_KINDS.join(", ")}`);
  }
  return kind as SimFaultKind;
}

/** The body of `POST /sim/vserver-groups`. */
export function parseVServerGroup(body: JsonValue): { loadBalancerId: string; name: string; region?: string; backends?: SimBackend[] } {
  const root = object(body, "");
  onlyFields(root, ["loadBalancerId", "name", "region", "backends"], "");
  const loadBalancerId = optionalText(root, "loadBalancerId", "", 64);
  if (loadBalancerId === undefined) throw invalid("/loadBalancerId", "loadBalancerId is required (e.g. lb-bp1o94dp5i6earr9g6d1l)");
  const name = optionalText(root, "name", "", 80);
  if (name === undefined) throw invalid("/name", "name is required");
  const region = optionalText(root, "region", "", 64);
  if (region !== undefined && !REGION.test(region)) throw invalid("/region", `region '${region}' is not of the form cn-hangzhou`);
  const list = root["backends"];
  if (list !== undefined && !Array.isArray(list)) throw invalid("/backends", "backends must be an array of {serverId, port, weight?}");
  const backends = list?.map((b, n) => {
    const o = object(b, `/backends/${n}`);
    onlyFields(o, ["serverId", "port", "weight"], `/backends/${n}`);
    const serverId = optionalText(o, "serverId", `/backends/${n}`, 64);
    if (serverId === undefined) throw invalid(`/backends/${n}/serverId`, "serverId is required");
    const port = o["port"];
    if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) throw invalid(`/backends/${n}/port`, "port must be a whole number from 1 to 65535");
    const weight = o["weight"] ?? 100;
    if (typeof weight !== "number" || !Number.isInteger(weight) || weight < 0 || weight > 100) throw invalid(`/backends/${n}/weight`, "weight must be a whole number from 0 to 100");
    return { serverId, port, weight };
  });
  return { loadBalancerId, name, ...(region === undefined ? {} : { region }), ...(backends === undefined ? {} : { backends }) };
}

function object(value: JsonValue | undefined, pointer: string): Record<string, JsonValue> {
  if (!isJsonObject(value)) throw invalid(pointer, `${pointer || "the body"} must be a JSON object`);
  return value;
}

function onlyFields(o: Record<string, JsonValue>, allowed: readonly string[], pointer: string): void {
  const unknown = Object.keys(o).find((k) => !allowed.includes(k));
  if (unknown !== undefined) throw invalid(`${pointer}/${pointerSegment(unknown)}`, `'${unknown}' is not a field here; known fields: ${allowed.join(", ")}`);
}

function optionalText(o: Record<string, JsonValue>, field: string, pointer: string, max: number): string | undefined {
  const v = o[field];
  if (v === undefined) return undefined;
  if (typeof v !== "string" || v === "" || v.length > max) throw invalid(`${pointer}/${field}`, `${field} must be a non-empty string of at most ${max} characters`);
  return v;
}

function tags(value: JsonValue, pointer: string): Record<string, string> {
  const o = object(value, pointer);
  const entries = Object.entries(o);
  if (entries.length > 20) throw invalid(pointer, "at most 20 tags");
  for (const [key, v] of entries) {
    if (typeof v !== "string") throw invalid(`${pointer}/${pointerSegment(key)}`, `tag '${key}' must have a string value`);
  }
  return o as Record<string, string>;
}

function invalid(pointer: string, message: string): ControlError {
  return new ControlError(400, "invalid_body", `${pointer || "/"}: ${message}`, { pointer });
}
