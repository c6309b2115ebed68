// The ways the secret store can fail besides a secret not being set (that one, shared with
// everything that resolves secrets, is `SecretNotSetError` in `core/secrets.ts`). Each message
// says what is wrong and what to do; none ever contains a key or a secret value.
import { ReflexError } from "../core/errors.js";

/** Why the master key cannot be used. */
export type MasterKeyProblem = "master_key_invalid" | "master_key_required" | "key_file_too_open" | "key_file_invalid" | "master_key_mismatch";

/**
 * The master key is missing, malformed, badly protected, or not the one the stored secrets
 * were encrypted with. The node can run, but cannot set or resolve secrets until it is fixed.
 */
export class MasterKeyError extends ReflexError {
  constructor(
    readonly problem: MasterKeyProblem,
    message: string,
  ) {
    super(problem, message, { status: 503 });
  }
}

/** A stored secret does not authenticate under the right key: its row was altered. */
export class SecretIntegrityError extends ReflexError {
  constructor(readonly secret: string) {
    super(
      "secret_tampered",
      `secret ${secret} cannot be decrypted: its stored ciphertext or nonce was altered (AES-GCM authentication failed); set it again with \`reflex secrets set ${secret}\``,
      { status: 500 },
    );
  }
}
