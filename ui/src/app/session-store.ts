// The signed-in session kept in localStorage: the token (so a reload stays signed in) with the
// name and role the server gave for it (so the shell renders at once, before /me answers).
import type { Me } from "../api/types";
import { isRole } from "./roles";

const KEY = "reflex.session";

/** A signed-in token and who the server says it is. `token` is null for auth-off read-only use. */
export interface StoredSession extends Me {
  token: string | null;
}

/** The stored session, or null when there is none or it is unreadable. */
export function loadSession(): StoredSession | null {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (raw === null) return null;
    const value = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof value.name !== "string" || !isRole(value.role)) return null;
    return {
      token: typeof value.token === "string" ? value.token : null,
      name: value.name,
      role: value.role,
      tokenId: typeof value.tokenId === "string" ? value.tokenId : null,
      authMode: value.authMode === "off" ? "off" : "on",
    };
  } catch {
    return null;
  }
}

/** Stores (or with null, removes) the session. */
export function saveSession(session: StoredSession | null): void {
  try {
    if (session === null) window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // Private mode without storage: the session lasts until the tab closes.
  }
}

/** The storage key, for listening to sign-outs in other tabs. */
export const SESSION_KEY = KEY;
