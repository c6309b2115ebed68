// What each role may do, as explicit sets (the same grants as the server's src/core/roles.ts):
// the console hides buttons a token may not use; the server still enforces them.
import type { Role } from "../api/types";

const GRANTS: Record<Role, ReadonlySet<Role>> = {
  viewer: new Set<Role>(["viewer"]),
  operator: new Set<Role>(["viewer", "operator"]),
  admin: new Set<Role>(["viewer", "operator", "admin"]),
};

/** True when a holder of `held` may do what needs `needed`. */
export function roleAllows(held: Role, needed: Role): boolean {
  return GRANTS[held].has(needed);
}

/** Narrows a string from the server to a Role. */
export function isRole(value: unknown): value is Role {
  return value === "viewer" || value === "operator" || value === "admin";
}
