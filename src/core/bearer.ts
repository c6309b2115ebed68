// The token in an `Authorization: Bearer <token>` header, read the same way wherever a token
// is accepted (API tokens in the auth guard, a source's own token in its runtime).

/** The bearer token of an Authorization header value, or undefined when there is none. */
export function parseBearer(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
}
