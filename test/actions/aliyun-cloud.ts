// A small Alibaba Cloud for the `aliyun` pack's tests: a loopback server that checks every RPC
// request's signature (v1.0, HMAC-SHA1) with the simulator's verifier — nonces included —
// refusing a bad one with the vendor's error shape, then answers ECS and SLB operations like the
// cloud does, from two instances behind one vServer group. Some instance ids stand for faults:
// `i-gone` is not found, `i-throttled` is throttled, `i-forbidden` lacks a RAM permission,
// `i-broken` gets an HTTP 502 page, `i-slow` gets no answer at all (and calls `onHold`).
import { randomUUID } from "node:crypto";
import { verifyAliyunRpcSignature } from "../../src/sim/aliyun-rpc-signature.js";
import type { AliyunRpcVerdict } from "../../src/sim/aliyun-rpc-signature.js";
import { startCloudServer } from "../support/cloud-server.js";
import type { CloudReply, CloudServer } from "../support/cloud-server.js";

export const ACCESS_KEY_ID = "LTAI5tReflexTest0123";
export const ACCESS_KEY_SECRET = "reflex-test-access-key-secret-0123";
/** The secrets a run gets, under the pack's default names. */
export const SECRETS = { "aliyun.access_key_id": ACCESS_KEY_ID, "aliyun.access_key_secret": ACCESS_KEY_SECRET };

type Json = Record<string, unknown>;

export interface AliyunCloud extends CloudServer {
  /** The verdict on each request's signature, in order. */
  verdicts: AliyunRpcVerdict[];
  /** Each request's parameters (query and form), in order. */
  params: URLSearchParams[];
  /** Called when a request for `i-slow` arrives (it is never answered). */
  onHold?: () => void;
}

export async function startAliyunCloud(): Promise<AliyunCloud> {
  const instances = new Map<string, Json>([
    ["i-web1", instance("i-web1", "web-1", "172.16.0.11")],
    ["i-web2", instance("i-web2", "web-2", "172.16.0.12")],
  ]);
  let members: Json[] = [...instances.keys()].map((id) => ({ ServerId: id, Port: 80, Weight: 100, Type: "ecs", Description: "" }));
  const nonces = new Set<string>();
  const verdicts: AliyunRpcVerdict[] = [];
  const params: URLSearchParams[] = [];
  const server = await startCloudServer((req) => {
    const p = new URLSearchParams(req.url.split("?")[1] ?? "");
    for (const [name, value] of new URLSearchParams(req.body.toString("utf8"))) p.append(name, value);
    params.push(p);
    const verdict = verifyAliyunRpcSignature(
      { method: req.method, params: p },
      {
        secretOf: (id) => (id === ACCESS_KEY_ID ? ACCESS_KEY_SECRET : undefined),
        now: Date.now(),
        useNonce: (id, nonce) => {
          const key = `${id}/${nonce}`;
          if (nonces.has(key)) return false;
          nonces.add(key);
          return true;
        },
      },
    );
    verdicts.push(verdict);
    if (!verdict.ok) return error(verdict.status, verdict.code, verdict.message);
    if (p.get("InstanceId") === "i-slow") {
      cloud.onHold?.();
      return new Promise<CloudReply>(() => undefined);
    }
    return answer(p);
  });
  const cloud: AliyunCloud = Object.assign(server, { verdicts, params });
  return cloud;

  function answer(p: URLSearchParams): CloudReply {
    const action = p.get("Action") ?? "";
    const version = p.get("Version");
    const id = p.get("InstanceId") ?? "";
    if (id === "i-broken") return { status: 502, body: "<html><body><h1>502 Bad Gateway</h1></body></html>" };
    if (id === "i-throttled") return error(400, "Throttling.User", "Request was denied due to user flow control.");
    if (id === "i-forbidden") return error(403, "Forbidden.RAM", "User not authorized to operate on the specified resource, or this API doesn't support RAM.");
    if (version === "2014-05-26") return ecs(action, p);
    if (version === "2014-05-15") return slb(action, p);
    return error(400, "InvalidVersion", `Specified parameter Version is not valid.`);
  }

  function ecs(action: string, p: URLSearchParams): CloudReply {
    if (action === "DescribeInstances") {
      const ids = p.has("InstanceIds") ? (JSON.parse(p.get("InstanceIds") ?? "[]") as string[]) : [...instances.keys()];
      const found = ids.map((id) => instances.get(id)).filter((i) => i !== undefined && (!p.has("Status") || i["Status"] === p.get("Status")));
      return ok({ TotalCount: found.length, PageNumber: Number(p.get("PageNumber") ?? 1), PageSize: Number(p.get("PageSize") ?? 10), Instances: { Instance: found } });
    }
    const target = instances.get(p.get("InstanceId") ?? "");
    if (!target) return error(404, "InvalidInstanceId.NotFound", "The specified InstanceId does not exist.");
    const transitions: Record<string, [string, string]> = { StartInstance: ["Stopped", "Running"], StopInstance: ["Running", "Stopped"], RebootInstance: ["Running", "Running"] };
    const transition = transitions[action];
    if (!transition) return error(404, "InvalidAction.NotFound", `Specified api is not found, please check your url and method.`);
    if (target["Status"] !== transition[0]) return error(403, "IncorrectInstanceStatus", "The current status of the resource does not support this operation.");
    target["Status"] = transition[1];
    return ok({});
  }

  function slb(action: string, p: URLSearchParams): CloudReply {
    if (action === "DescribeVServerGroups") {
      if (p.get("LoadBalancerId") !== "lb-bp1o94dp5i6earr9g6d1l") return error(404, "InvalidLoadBalancerId.NotFound", "The specified LoadBalancerId does not exist.");
      return ok({ VServerGroups: { VServerGroup: [{ VServerGroupId: "rsp-web", VServerGroupName: "web-80", AssociatedObjects: { Listeners: { Listener: [] }, Rules: { Rule: [] } } }] } });
    }
    if (p.get("VServerGroupId") !== "rsp-web") return error(400, "InvalidParameter.VServerGroupId", "The specified VServerGroupId does not exist.");
    const given = JSON.parse(p.get("BackendServers") ?? "[]") as Json[];
    const same = (a: Json, b: Json): boolean => a["ServerId"] === b["ServerId"] && Number(a["Port"]) === Number(b["Port"]);
    if (action === "AddVServerGroupBackendServers") {
      const added = given.map((s) => ({ ServerId: s["ServerId"], Port: s["Port"], Weight: s["Weight"] ?? 100, Type: s["Type"] ?? "ecs", Description: s["Description"] ?? "" }));
      members = [...members.filter((m) => !added.some((a) => same(a, m))), ...added];
      return ok({ VServerGroupId: "rsp-web", BackendServers: { BackendServer: added } });
    }
    if (action === "RemoveVServerGroupBackendServers") {
      members = members.filter((m) => !given.some((g) => same(g, m)));
      return ok({ VServerGroupId: "rsp-web", BackendServers: { BackendServer: members } });
    }
    if (action === "DescribeVServerGroupAttribute") {
      return ok({ VServerGroupId: "rsp-web", VServerGroupName: "web-80", LoadBalancerId: "lb-bp1o94dp5i6earr9g6d1l", BackendServers: { BackendServer: members } });
    }
    return error(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
  }
}

function ok(fields: Json): CloudReply {
  return { body: { RequestId: randomUUID().toUpperCase(), ...fields } };
}

function error(status: number, code: string, message: string): CloudReply {
  return { status, body: { RequestId: randomUUID().toUpperCase(), HostId: "ecs.aliyuncs.com", Code: code, Message: message, Recommend: `https://api.aliyun.com/troubleshoot?q=${code}` } };
}

function instance(id: string, name: string, ip: string): Json {
  return {
    InstanceId: id,
    InstanceName: name,
    HostName: name,
    Status: "Running",
    RegionId: "cn-hangzhou",
    ZoneId: "cn-hangzhou-i",
    InstanceType: "ecs.g7.large",
    Cpu: 2,
    Memory: 8192,
    OSName: "Alibaba Cloud Linux 3.2104 LTS 64位",
    InstanceChargeType: "PostPaid",
    CreationTime: "2024-05-01T08:00Z",
    VpcAttributes: { VpcId: "vpc-bp1opxu1zkhn00gzv26cm", VSwitchId: "vsw-bp1s5fnvk4gn2tws03624", PrivateIpAddress: { IpAddress: [ip] } },
    PublicIpAddress: { IpAddress: [] },
  };
}
