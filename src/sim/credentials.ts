// The keys the simulated clouds accept. Unless a caller brings its own, each simulator makes
// fresh random pairs shaped like the vendors' (a Tencent SecretId starts with `AKID`, an
// Alibaba AccessKey ID with `LTAI`), so a test or a drill cannot lean on well-known values.
import { randomBytes } from "node:crypto";
import type { SimCredentials } from "./types.js";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** New random credentials for both clouds. */
export function generateSimCredentials(): SimCredentials {
  return {
    tencent: { secretId: `AKID${randomText(32)}`, secretKey: randomText(32) },
    aliyun: { accessKeyId: `LTAI5t${randomText(18)}`, accessKeySecret: randomText(30) },
  };
}

function randomText(length: number): string {
  const bytes = randomBytes(length);
  let text = "";
  for (const byte of bytes) text += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return text;
}
