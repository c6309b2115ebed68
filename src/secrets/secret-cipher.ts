// How one secret value is sealed: AES-256-GCM with a random 96-bit nonce per write and the
// secret's name as additional authenticated data, so a ciphertext copied onto another name
// (or altered in any byte, nonce included) no longer opens. The 16-byte tag is stored after
// the ciphertext. A key check — an HMAC of a fixed text under the key — lets the store tell
// "wrong master key" from "altered row" without keeping anything that reveals the key.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_CHECK_TEXT = "reflex secrets master key check v1";

/** The length of a master key in bytes. */
export const KEY_BYTES = 32;

/** A sealed value as the `secrets` table keeps it: base64 text. */
export interface Sealed {
  /** The ciphertext followed by the authentication tag. */
  ciphertext: string;
  nonce: string;
}

/** Encrypts `value` for secret `name` under `key`. */
export function seal(key: Buffer, name: string, value: string): Sealed {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(name, "utf8"));
  const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return { ciphertext: body.toString("base64"), nonce: nonce.toString("base64") };
}

/** The value sealed for secret `name` under `key`, or null when it does not authenticate. */
export function unseal(key: Buffer, name: string, sealed: Sealed): string | null {
  const nonce = Buffer.from(sealed.nonce, "base64");
  const body = Buffer.from(sealed.ciphertext, "base64");
  if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(name, "utf8"));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** A fingerprint of `key` that proves which key sealed the store, and reveals nothing of it. */
export function keyCheck(key: Buffer): string {
  return createHmac("sha256", key).update(KEY_CHECK_TEXT).digest("base64url");
}
