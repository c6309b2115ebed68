// Who is signed in. The provider keeps the session (token + name + role), wires the API client
// to it, re-checks the token with /api/v1/me on start, and signs out on any 401 — sending the
// user to /sign-in with a message and a way back to where they were.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import type { ApiError } from "../api/api-error";
import { api, configureClient } from "../api/client";
import type { Me, Role } from "../api/types";
import { clearApiCache } from "../api/use-api";
import { roleAllows } from "./roles";
import { navigate } from "./router";
import { SESSION_KEY, loadSession, saveSession } from "./session-store";
import type { StoredSession } from "./session-store";

interface AuthContextValue {
  session: StoredSession | null;
  /** Why the user was signed out (shown on the sign-in page), if they were. */
  notice: string | null;
  /** Checks `token` with the server (null: auth-off read-only) and signs in. Throws ApiError. */
  signIn: (token: string | null) => Promise<void>;
  signOut: (notice?: string) => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Asks the server who `token` is. */
export function whoIs(token: string | null): Promise<Me> {
  return api<Me>("/api/v1/me", token === null ? {} : { headers: { authorization: `Bearer ${token}` } });
}

/** Provides the session to the app; render once, around everything. */
export function SessionProvider({ children }: { children: ReactNode }): ReactNode {
  const [session, setSession] = useState<StoredSession | null>(loadSession);
  const [notice, setNotice] = useState<string | null>(null);

  const signOut = useCallback((message?: string) => {
    saveSession(null);
    clearApiCache();
    setSession(null);
    setNotice(message ?? null);
    const here = window.location.pathname + window.location.search;
    if (!window.location.pathname.startsWith("/sign-in")) {
      navigate(message === undefined || here === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(here)}`, { replace: true });
    }
  }, []);

  const signIn = useCallback(async (token: string | null) => {
    const me = await whoIs(token);
    const next: StoredSession = { ...me, token };
    saveSession(next);
    setNotice(null);
    setSession(next);
  }, []);

  // The client reads the token from here and reports 401s here. Set during render (not in an
  // effect), because pages' effects run before this provider's and already call the API.
  configureClient({
    token: () => session?.token ?? null,
    onUnauthorized: (error: ApiError) => {
      if (session !== null) signOut(`You were signed out: ${error.detail}`);
    },
  });

  // On start, check the remembered token still works (a 401 signs out through the client hook).
  const token = session?.token;
  useEffect(() => {
    if (token === undefined) return;
    whoIs(token)
      .then((me) =>
        setSession((s) => {
          if (s === null || (s.name === me.name && s.role === me.role && s.authMode === me.authMode)) return s;
          const next = { ...s, ...me };
          saveSession(next);
          return next;
        }),
      )
      .catch(() => undefined);
    // Once per token, not on every render.
  }, [token]);

  // Signing out in another tab signs out here too.
  useEffect(() => {
    const onStorage = (event: StorageEvent): void => {
      if (event.key === SESSION_KEY) setSession(loadSession());
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);

  const value = useMemo(() => ({ session, notice, signIn, signOut }), [session, notice, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The raw auth state (the sign-in page and the app root use it). */
export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (value === null) throw new Error("useAuth() needs <SessionProvider> around the app");
  return value;
}

/** The signed-in user, for pages inside the shell. */
export interface Session {
  name: string;
  role: Role;
  tokenId: string | null;
  authMode: "on" | "off";
  /** True when this session's role may do what needs `role` (e.g. `can("operator")`). */
  can: (role: Role) => boolean;
  signOut: () => void;
}

/** The signed-in session. Pages inside the shell always have one. */
export function useSession(): Session {
  const { session, signOut } = useAuth();
  return useMemo(() => {
    const role: Role = session?.role ?? "viewer";
    return {
      name: session?.name ?? "",
      role,
      tokenId: session?.tokenId ?? null,
      authMode: session?.authMode ?? "on",
      // Auth off without a token: reads only, whatever the role says.
      can: (needed: Role) => session !== null && (session.token !== null || needed === "viewer") && roleAllows(role, needed),
      signOut: () => signOut(),
    };
  }, [session, signOut]);
}
