// The TC3-HMAC-SHA256 verifier the simulator and the pack's tests use, against the worked
// example of Tencent's "Signature v3" page (a POST of DescribeInstances signed at 1551113065
// with the documentation's key), and every way a request can fail it.
import { describe, expect, it } from "vitest";
import { verifyTc3 } from "../../src/sim/tencent-tc3.js";
import type { Tc3Request } from "../../src/sim/tencent-tc3.js";

const SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const TIMESTAMP = 1551113065;
const SIGNATURE = "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168";

/** The documentation's request, with `changes` applied to its headers. */
function documented(changes: Record<string, string | undefined> = {}, body = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'): Tc3Request {
  return {
    method: "POST",
    url: "/",
    headers: {
      authorization: `TC3-HMAC-SHA256 Credential=${SECRET_ID}/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=${SIGNATURE}`,
      "content-type": "application/json; charset=utf-8",
      host: "cvm.tencentcloudapi.com",
      "x-tc-action": "DescribeInstances",
      "x-tc-timestamp": String(TIMESTAMP),
      "x-tc-version": "2017-03-12",
      "x-tc-region": "ap-guangzhou",
      ...changes,
    },
    body,
  };
}

const options = { secretKeyOf: (id: string) => (id === SECRET_ID ? SECRET_KEY : undefined), now: TIMESTAMP * 1000 + 30_000 };

describe("verifyTc3", () => {
  it("accepts the documentation's signed request and names its SecretId and scope", () => {
    expect(verifyTc3(documented(), options)).toEqual({ ok: true, secretId: SECRET_ID, service: "cvm", date: "2019-02-25" });
    expect(verifyTc3({ ...documented(), body: Buffer.from(documented().body as string) }, options).ok).toBe(true);
  });

  it("refuses a changed body, a changed signed header, and a wrong key", () => {
    expect(verifyTc3(documented({}, '{"Limit": 2}'), options)).toMatchObject({ ok: false, code: "AuthFailure.SignatureFailure" });
    expect(verifyTc3(documented({ "content-type": "application/json" }), options)).toMatchObject({ ok: false, code: "AuthFailure.SignatureFailure" });
    expect(verifyTc3(documented(), { ...options, secretKeyOf: () => "another-key" })).toMatchObject({ ok: false, code: "AuthFailure.SignatureFailure" });
  });

  it("refuses an unknown SecretId", () => {
    expect(verifyTc3(documented(), { ...options, secretKeyOf: () => undefined })).toEqual({ ok: false, code: "AuthFailure.SecretIdNotFound", message: `the SecretId ${SECRET_ID} is not found` });
  });

  it("refuses a timestamp more than five minutes from the server's clock", () => {
    expect(verifyTc3(documented(), { ...options, now: (TIMESTAMP + 301) * 1000 })).toMatchObject({ ok: false, code: "AuthFailure.SignatureExpire", message: expect.stringContaining("301 s away") });
    expect(verifyTc3(documented(), { ...options, now: (TIMESTAMP - 300) * 1000 }).ok).toBe(true);
    expect(verifyTc3(documented(), { ...options, now: (TIMESTAMP + 60) * 1000, maxSkewSeconds: 30 }).ok).toBe(false);
  });

  it("refuses a scope whose date or service does not fit the request", () => {
    const nextDay = documented({ "x-tc-timestamp": String(TIMESTAMP + 86_400) });
    expect(verifyTc3(nextDay, { ...options, now: (TIMESTAMP + 86_400) * 1000 })).toMatchObject({ code: "AuthFailure.SignatureFailure", message: "the credential scope date 2019-02-25 is not the UTC date of X-TC-Timestamp (2019-02-26)" });
    expect(verifyTc3(documented({ host: "cbs.tencentcloudapi.com" }), options)).toMatchObject({ code: "AuthFailure.SignatureFailure", message: "the credential scope names service 'cvm', but the request is for 'cbs'" });
    expect(verifyTc3(documented(), { ...options, service: "tat" })).toMatchObject({ code: "AuthFailure.SignatureFailure" });
  });

  it("refuses a malformed Authorization, a missing timestamp, and signed headers that leave host or content-type out", () => {
    expect(verifyTc3(documented({ authorization: undefined }), options)).toMatchObject({ code: "AuthFailure.InvalidAuthorization", message: "the request has no Authorization header" });
    expect(verifyTc3(documented({ authorization: `HMAC-SHA256 Credential=${SECRET_ID}` }), options)).toMatchObject({ code: "AuthFailure.InvalidAuthorization" });
    expect(verifyTc3(documented({ "x-tc-timestamp": "soon" }), options)).toMatchObject({ code: "AuthFailure.InvalidAuthorization" });
    const hostOnly = `TC3-HMAC-SHA256 Credential=${SECRET_ID}/2019-02-25/cvm/tc3_request, SignedHeaders=host, Signature=${SIGNATURE}`;
    expect(verifyTc3(documented({ authorization: hostOnly }), options)).toMatchObject({ code: "AuthFailure.InvalidAuthorization", message: "SignedHeaders must include content-type" });
    const withAction = `TC3-HMAC-SHA256 Credential=${SECRET_ID}/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-nonce, Signature=${SIGNATURE}`;
    expect(verifyTc3(documented({ authorization: withAction }), options)).toMatchObject({ code: "AuthFailure.InvalidAuthorization", message: "signed header 'x-tc-nonce' is not in the request" });
  });

  it("accepts a Host with a port signed without it, and checks no service for an IP host", () => {
    expect(verifyTc3(documented({ host: "cvm.tencentcloudapi.com:443" }), options).ok).toBe(true);
    expect(verifyTc3(documented({ host: "127.0.0.1:9000" }), options)).toMatchObject({ ok: false, code: "AuthFailure.SignatureFailure", message: expect.stringContaining("does not match") });
  });
});
