// The Alibaba Cloud RPC signature verifier the simulator and the pack's tests use, against the
// worked example of Alibaba's signature page (DescribeRegions signed by `testid`/`testsecret`:
// `OLeaidS1JvxuMvnyHOwuJ+uX5qY=` for GET), and every way a request can fail it.
import { describe, expect, it } from "vitest";
import { aliyunRpcSignature, verifyAliyunRpcSignature } from "../../src/sim/aliyun-rpc-signature.js";

const DOCUMENTED: [string, string][] = [
  ["Timestamp", "2016-02-23T12:46:24Z"],
  ["Format", "XML"],
  ["AccessKeyId", "testid"],
  ["Action", "DescribeRegions"],
  ["SignatureMethod", "HMAC-SHA1"],
  ["SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"],
  ["Version", "2014-05-26"],
  ["SignatureVersion", "1.0"],
];
const SIGNATURE = "OLeaidS1JvxuMvnyHOwuJ+uX5qY=";
const NOW = Date.parse("2016-02-23T12:50:00Z");

/** The documented request's parameters, signed, with `changes` applied (undefined removes one). */
function params(changes: Record<string, string | undefined> = {}, signature = SIGNATURE): [string, string][] {
  const all = new Map<string, string | undefined>([...DOCUMENTED, ["Signature", signature], ...Object.entries(changes)]);
  return [...all].filter((e): e is [string, string] => e[1] !== undefined);
}

const options = { secretOf: (id: string) => (id === "testid" ? "testsecret" : undefined), now: NOW };

describe("the Alibaba Cloud RPC signature", () => {
  it("signs the documentation's example as documented, whatever the parameter order", () => {
    expect(aliyunRpcSignature("GET", DOCUMENTED, "testsecret")).toBe(SIGNATURE);
    expect(aliyunRpcSignature("GET", [...DOCUMENTED].reverse(), "testsecret")).toBe(SIGNATURE);
    expect(aliyunRpcSignature("POST", DOCUMENTED, "testsecret")).toBe("MxbnVAM4w6sft9xjVpe/GCKueuk=");
  });

  it("accepts the documentation's request and names its AccessKey ID", () => {
    expect(verifyAliyunRpcSignature({ method: "GET", params: params() }, options)).toEqual({ ok: true, accessKeyId: "testid" });
    expect(verifyAliyunRpcSignature({ method: "GET", params: new URLSearchParams(params()) }, options).ok).toBe(true);
  });

  it("percent-encodes as RFC 3986 wants: a space is %20, * and ' are encoded, ~ is not", () => {
    const odd: [string, string][] = [...DOCUMENTED, ["InstanceName", "web 1*'~(x)!"]];
    const signature = aliyunRpcSignature("POST", odd, "testsecret");
    expect(verifyAliyunRpcSignature({ method: "POST", params: [...odd, ["Signature", signature]] }, options).ok).toBe(true);
    expect(signature).not.toBe(aliyunRpcSignature("POST", [...DOCUMENTED, ["InstanceName", "web+1*'~(x)!"]], "testsecret"));
  });

  it("refuses a changed parameter, another method, and a wrong secret with SignatureDoesNotMatch", () => {
    expect(verifyAliyunRpcSignature({ method: "GET", params: params({ Action: "DescribeInstances" }) }, options)).toMatchObject({ ok: false, code: "SignatureDoesNotMatch", status: 400 });
    expect(verifyAliyunRpcSignature({ method: "POST", params: params() }, options)).toMatchObject({ code: "SignatureDoesNotMatch", message: expect.stringContaining("server string to sign is:POST&%2F&AccessKeyId%3Dtestid") });
    expect(verifyAliyunRpcSignature({ method: "GET", params: params() }, { ...options, secretOf: () => "other" })).toMatchObject({ code: "SignatureDoesNotMatch" });
  });

  it("refuses an unknown AccessKey ID with InvalidAccessKeyId.NotFound (404)", () => {
    expect(verifyAliyunRpcSignature({ method: "GET", params: params() }, { ...options, secretOf: () => undefined })).toEqual({ ok: false, code: "InvalidAccessKeyId.NotFound", message: "Specified access key is not found.", status: 404 });
  });

  it("refuses a timestamp more than 15 minutes away, or not in UTC ISO 8601", () => {
    expect(verifyAliyunRpcSignature({ method: "GET", params: params() }, { ...options, now: NOW + 15 * 60_000 })).toMatchObject({ code: "InvalidTimeStamp.Expired" });
    expect(verifyAliyunRpcSignature({ method: "GET", params: params() }, { ...options, now: NOW + 10 * 60_000 }).ok).toBe(true);
    expect(verifyAliyunRpcSignature({ method: "GET", params: params({ Timestamp: "2016-02-23 12:46:24" }) }, options)).toMatchObject({ code: "InvalidTimeStamp.Format" });
  });

  it("refuses a nonce used before, only once the signature holds", () => {
    const used = new Set<string>();
    const useNonce = (id: string, nonce: string): boolean => {
      if (used.has(`${id}/${nonce}`)) return false;
      used.add(`${id}/${nonce}`);
      return true;
    };
    expect(verifyAliyunRpcSignature({ method: "GET", params: params({}, "bad") }, { ...options, useNonce })).toMatchObject({ code: "SignatureDoesNotMatch" });
    expect(verifyAliyunRpcSignature({ method: "GET", params: params() }, { ...options, useNonce }).ok).toBe(true);
    expect(verifyAliyunRpcSignature({ method: "GET", params: params() }, { ...options, useNonce })).toMatchObject({ code: "SignatureNonceUsed", message: "Specified signature nonce was used already." });
  });

  it("refuses missing parameters and another signature method", () => {
    expect(verifyAliyunRpcSignature({ method: "GET", params: params({ Signature: undefined }) }, options)).toMatchObject({ code: "MissingSignature" });
    expect(verifyAliyunRpcSignature({ method: "GET", params: params({ AccessKeyId: undefined }) }, options)).toMatchObject({ code: "MissingAccessKeyId" });
    expect(verifyAliyunRpcSignature({ method: "GET", params: params({ SignatureNonce: undefined }) }, options)).toMatchObject({ code: "MissingSignatureNonce" });
    expect(verifyAliyunRpcSignature({ method: "GET", params: params({ Timestamp: undefined }) }, options)).toMatchObject({ code: "MissingTimestamp" });
    expect(verifyAliyunRpcSignature({ method: "GET", params: params({ SignatureMethod: "HMAC-SHA256" }) }, options)).toMatchObject({ code: "IncompleteSignature" });
  });
});
