// The three roles and what each may do. Grants are explicit sets, never an ordering of names.
// Shared by the API guard and by the engine (who may answer an approval).

export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What a route needs: read, change operational state, or administer. */
const GRANTS: Record<Role, ReadonlySet<Role>> = {
  viewer: new Set<Role>(["viewer"]),
  operator: new Set<Role>(["viewer", "operator"]),
  admin: new Set<Role>(["viewer", "operator", "admin"]),
};

/** True when a holder of `held` may use a route that needs `needed`. */
export function roleAllows(held: Role, needed: Role): boolean {
  return GRANTS[held].has(needed);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
