// The cloud packs read their credentials from secrets (`tencent.secret_id`, …). When Reflex
// runs against the simulator, those secrets must hold the simulator's keys: this stores them
// through the API, as an operator would with `reflex secrets set`.
import type { SimCredentials } from "../sim/types.js";

/** The packs' default secret names and the simulator's values for them. */
export function simulatorSecrets(credentials: SimCredentials): Record<string, string> {
  return {
    "tencent.secret_id": credentials.tencent.secretId,
    "tencent.secret_key": credentials.tencent.secretKey,
    "aliyun.access_key_id": credentials.aliyun.accessKeyId,
    "aliyun.access_key_secret": credentials.aliyun.accessKeySecret,
  };
}

/** Stores `secrets` in the Reflex at `url` with an admin token; throws naming the one refused. */
export async function storeSecrets(url: string, token: string, secrets: Readonly<Record<string, string>>): Promise<void> {
  for (const [name, value] of Object.entries(secrets)) {
    const res = await fetch(`${url}/api/v1/secrets/${encodeURIComponent(name)}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ value }),
    });
    if (!res.ok) throw new Error(`storing the secret ${name} failed: HTTP ${res.status} ${await res.text()}`);
  }
}
