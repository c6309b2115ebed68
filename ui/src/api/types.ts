// Answer shapes shared by several pages. Page-specific shapes live next to their page
// (`pages/<page>/types.ts`); the server's schemas in docs/http-api.md are the contract.

/** The three roles, weakest first. */
export type Role = "viewer" | "operator" | "admin";

/** `GET /api/v1/me`: who the presented token is. */
export interface Me {
  name: string;
  role: Role;
  /** null when the server runs with auth off and no token was sent. */
  tokenId: string | null;
  authMode: "on" | "off";
}

/** A page of a cursor-paginated list (`?limit=&cursor=`). */
export interface Paged<T> {
  items: T[];
  nextCursor?: string | null;
}
