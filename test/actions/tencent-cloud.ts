// A small Tencent Cloud for the `tencent` pack's tests: a loopback server that checks every
// request's TC3-HMAC-SHA256 signature with the simulator's verifier (refusing a bad one with
// the vendor's error shape), then answers CVM, CBS and TAT actions like the cloud does, from a
// fleet of two instances and their disks. Some ids stand for faults: `ins-gone` is not found,
// `ins-busy` is throttled, `ins-broken` gets an HTTP 502, `ins-portal` an HTML page with 200,
// `ins-slow` no answer at all (and a call of `onHold`). TAT commands run by what they say:
// `exit N` fails with N, `sleep` never ends, `flaky` has its first poll throttled; anything else
// prints "hello" after two polls.
import { randomUUID } from "node:crypto";
import { verifyTc3 } from "../../src/sim/tencent-tc3.js";
import type { Tc3Verdict } from "../../src/sim/tencent-tc3.js";
import { startCloudServer } from "../support/cloud-server.js";
import type { CloudReply, CloudRequest, CloudServer } from "../support/cloud-server.js";

export const SECRET_ID = "AKIDreflexTEST0123456789";
export const SECRET_KEY = "reflex-test-secret-key-0123456789";
/** The secrets a run gets, under the pack's default names. */
export const SECRETS = { "tencent.secret_id": SECRET_ID, "tencent.secret_key": SECRET_KEY };

type Json = Record<string, unknown>;

interface Invocation {
  id: string;
  instanceIds: string[];
  command: string;
  polls: number;
}

/** The fake cloud: its server, what it saw, and hooks for a test. */
export interface TencentCloud extends CloudServer {
  /** The verdict on each request's signature, in order. */
  verdicts: Tc3Verdict[];
  invocations: Map<string, Invocation>;
  /** Called on each DescribeInvocationTasks with the poll number (1 for the first). */
  onPoll?: (poll: number) => void;
  /** Called when a request for `ins-slow` arrives (it is never answered). */
  onHold?: () => void;
}

export async function startTencentCloud(): Promise<TencentCloud> {
  const instances = new Map<string, Json>([
    ["ins-web1", instance("ins-web1", "web-1", "10.0.0.11", "disk-sys1")],
    ["ins-web2", instance("ins-web2", "web-2", "10.0.0.12", "disk-sys2")],
  ]);
  const snapshots: Json[] = [];
  const invocations = new Map<string, Invocation>();
  const verdicts: Tc3Verdict[] = [];
  const cloud: TencentCloud = Object.assign(
    await startCloudServer((req) => {
      const verdict = verifyTc3({ method: req.method, url: req.url, headers: req.headers, body: req.body }, { secretKeyOf: (id) => (id === SECRET_ID ? SECRET_KEY : undefined), now: Date.now() });
      verdicts.push(verdict);
      if (!verdict.ok) return error(verdict.code, verdict.message);
      const params = JSON.parse(req.body.toString("utf8")) as Json;
      if ((params["InstanceIds"] as string[] | undefined)?.includes("ins-slow")) {
        cloud.onHold?.();
        return new Promise<CloudReply>(() => undefined);
      }
      return answer(req, params);
    }),
    { verdicts, invocations },
  );
  return cloud;

  function answer(req: CloudRequest, p: Json): CloudReply {
    const action = String(req.headers["x-tc-action"]);
    const ids = (p["InstanceIds"] as string[] | undefined) ?? [];
    if (ids.includes("ins-broken")) return { status: 502, body: "<html><body>502 Bad Gateway</body></html>" };
    if (ids.includes("ins-portal")) return { body: "<html><body>Please log in to the proxy</body></html>" };
    if (ids.includes("ins-busy")) return error("RequestLimitExceeded", "Your current request times equals to `20` in a second, which exceeds the frequency limit `20` for a second. Please reduce the frequency of calls.");
    const missing = ids.find((id) => !instances.has(id));
    if (missing && action !== "RunCommand") return error("InvalidInstanceId.NotFound", `The instance \`${missing}\` is not found.`);
    switch (action) {
      case "DescribeInstances": {
        const set = ids.length > 0 ? ids.map((id) => instances.get(id)) : [...instances.values()];
        return ok({ TotalCount: set.length, InstanceSet: set });
      }
      case "RebootInstances":
      case "StartInstances":
      case "StopInstances":
        for (const id of ids) Object.assign(instances.get(id) ?? {}, { InstanceState: action === "StopInstances" ? "STOPPED" : "RUNNING", LatestOperation: action, LatestOperationState: "SUCCESS" });
        return ok({});
      case "DescribeDisks":
        return ok({ TotalCount: instances.size, DiskSet: [...instances.values()].map((i) => disk(i)) });
      case "CreateSnapshot": {
        const snapshot = { SnapshotId: `snap-${randomUUID().slice(0, 8)}`, DiskId: p["DiskId"], SnapshotName: p["SnapshotName"] ?? "未命名", SnapshotState: "NORMAL", Percent: 100, DiskSize: 50, DiskUsage: "SYSTEM_DISK", Encrypt: false, CreateTime: "2024-06-01 10:00:00" };
        snapshots.push(snapshot);
        return ok({ SnapshotId: snapshot.SnapshotId });
      }
      case "DescribeSnapshots": {
        const wanted = p["SnapshotIds"] as string[] | undefined;
        const set = snapshots.filter((s) => !wanted || wanted.includes(String(s["SnapshotId"])));
        return ok({ TotalCount: set.length, SnapshotSet: set });
      }
      case "ApplySnapshot": {
        const snapshot = snapshots.find((s) => s["SnapshotId"] === p["SnapshotId"]);
        if (!snapshot) return error("InvalidSnapshotId.NotFound", `The snapshot \`${String(p["SnapshotId"])}\` is not found.`);
        if (snapshot["DiskId"] !== p["DiskId"]) return error("InvalidParameterValue", "The snapshot was not taken of this disk.");
        return ok({});
      }
      case "RunCommand": {
        const invocation = { id: `inv-${randomUUID().slice(0, 8)}`, instanceIds: ids, command: Buffer.from(String(p["Content"]), "base64").toString("utf8"), polls: 0 };
        invocations.set(invocation.id, invocation);
        return ok({ CommandId: `cmd-${invocation.id.slice(4)}`, InvocationId: invocation.id });
      }
      case "DescribeInvocationTasks":
        return invocationTasks(p);
      default:
        return error("InvalidAction", `The action \`${action}\` is not found.`);
    }
  }

  function invocationTasks(p: Json): CloudReply {
    const filter = (p["Filters"] as { Name: string; Values: string[] }[] | undefined)?.find((f) => f.Name === "invocation-id");
    const invocation = invocations.get(filter?.Values[0] ?? "");
    if (!invocation) return ok({ TotalCount: 0, InvocationTaskSet: [] });
    invocation.polls += 1;
    cloud.onPoll?.(invocation.polls);
    if (invocation.command === "flaky" && invocation.polls === 1) return error("RequestLimitExceeded", "Your current request times exceeds the frequency limit.");
    const exit = /^exit (\d+)$/.exec(invocation.command);
    const running = invocation.command === "sleep" || invocation.polls < 3;
    const set = invocation.instanceIds.map((instanceId, n) => {
      const code = exit && n === invocation.instanceIds.length - 1 ? Number(exit[1]) : 0;
      const status = running ? "RUNNING" : code === 0 ? "SUCCESS" : "FAILED";
      const output = running ? "" : code === 0 ? `hello from ${instanceId}\n` : `restarting app\nJob for app.service failed\n`;
      return {
        InvocationId: invocation.id,
        InvocationTaskId: `invt-${invocation.id.slice(4)}-${n}`,
        CommandId: `cmd-${invocation.id.slice(4)}`,
        TaskStatus: status,
        InstanceId: instanceId,
        TaskResult: { ExitCode: running ? 0 : code, Output: Buffer.from(output).toString("base64"), ExecStartTime: "2024-06-01 10:00:01", ExecEndTime: running ? "" : "2024-06-01 10:00:02", Dropped: 0 },
        StartTime: "2024-06-01 10:00:00",
        EndTime: running ? "" : "2024-06-01 10:00:02",
        ErrorInfo: "",
      };
    });
    return ok({ TotalCount: set.length, InvocationTaskSet: set });
  }
}

function ok(fields: Json): CloudReply {
  return { body: { Response: { ...fields, RequestId: randomUUID() } } };
}

function error(code: string, message: string): CloudReply {
  return { body: { Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } } };
}

function instance(id: string, name: string, ip: string, diskId: string): Json {
  return {
    Placement: { Zone: "ap-guangzhou-3", ProjectId: 0 },
    InstanceId: id,
    InstanceType: "S5.MEDIUM4",
    CPU: 2,
    Memory: 4,
    RestrictState: "NORMAL",
    InstanceName: name,
    InstanceChargeType: "POSTPAID_BY_HOUR",
    SystemDisk: { DiskType: "CLOUD_PREMIUM", DiskId: diskId, DiskSize: 50 },
    PrivateIpAddresses: [ip],
    PublicIpAddresses: null,
    VirtualPrivateCloud: { VpcId: "vpc-2ptkl8pc", SubnetId: "subnet-9bxb8s1u", AsVpcGateway: false },
    ImageId: "img-eb30mz89",
    OsName: "TencentOS Server 3.1 (TK4)",
    InstanceState: "RUNNING",
    CreatedTime: "2024-05-01T08:00:00Z",
    LatestOperation: "RunInstances",
    LatestOperationState: "SUCCESS",
  };
}

function disk(inst: Json): Json {
  const system = inst["SystemDisk"] as Json;
  return { DiskId: system["DiskId"], DiskType: system["DiskType"], DiskSize: system["DiskSize"], DiskUsage: "SYSTEM_DISK", DiskState: "ATTACHED", Attached: true, InstanceId: inst["InstanceId"], Placement: inst["Placement"], SnapshotAbility: true };
}
