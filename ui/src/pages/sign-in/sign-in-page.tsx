// Sign in by pasting an API token: the server says who it is (GET /api/v1/me), the console
// remembers it in this browser, and goes back to where the user was headed.
import { useEffect, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { ApiError } from "../../api/api-error";
import type { Me } from "../../api/types";
import { navigate } from "../../app/router";
import { useAuth, whoIs } from "../../app/session";
import { useTitle } from "../../app/title";
import { Spinner } from "../../components";

/** Where to go after signing in: `?next=` when it is a console path, else the overview. */
function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get("next");
  return next !== null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/sign-in") ? next : "/";
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return "The server does not know this token, or it was revoked or has expired. Check that you pasted all of it.";
    return error.detail;
  }
  return error instanceof Error ? error.message : String(error);
}

/** `/sign-in`. */
export function SignInPage(): ReactNode {
  useTitle("Sign in");
  const { session, notice, signIn } = useAuth();
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [authOff, setAuthOff] = useState(false);

  // Already signed in (another tab, or Back): go on.
  useEffect(() => {
    if (session !== null) navigate(nextPath(), { replace: true });
  }, [session]);

  // When the server runs with auth off, offer read-only use without a token.
  useEffect(() => {
    let live = true;
    whoIs(null)
      .then((me: Me) => live && setAuthOff(me.authMode === "off"))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const value = token.trim().replace(/^Bearer\s+/i, "");
    if (value === "") {
      setError("Paste an API token (it starts with rfx_).");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(value);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const readOnly = async (): Promise<void> => {
    setBusy(true);
    try {
      await signIn(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sign-in">
      <form className="sign-in__card" onSubmit={(e) => void submit(e)} data-testid="sign-in-form">
        <div className="sign-in__brand">
          <svg viewBox="0 0 16 16" aria-hidden="true" className="topbar__logo">
            <rect width="16" height="16" rx="3" />
            <path d="M4 12V4h4.5a2.5 2.5 0 0 1 0 5H6m2 0 3 3" />
          </svg>
          Reflex
        </div>
        <h1>Sign in</h1>
        {notice !== null && (
          <div className="notice" role="status" data-testid="sign-in-notice">
            {notice}
          </div>
        )}
        <label htmlFor="token">API token</label>
        <input
          id="token"
          className="input"
          type="password"
          autoComplete="current-password"
          spellCheck={false}
          placeholder="rfx_…"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          autoFocus
          data-testid="sign-in-token"
          aria-invalid={error !== null}
          aria-describedby={error !== null ? "sign-in-error" : "sign-in-help"}
        />
        {error !== null && (
          <div id="sign-in-error" className="inline-error" role="alert" data-testid="sign-in-error">
            {error}
          </div>
        )}
        <button type="submit" className="button button--primary" disabled={busy} data-testid="sign-in-submit">
          {busy && <Spinner />} Sign in
        </button>
        {authOff && (
          <button type="button" className="button button--ghost" disabled={busy} onClick={() => void readOnly()} data-testid="sign-in-read-only">
            Continue without a token (read only)
          </button>
        )}
        <p id="sign-in-help" className="sign-in__help">
          The token's role decides what you may do here: viewers look, operators act, admins administer. Create one on the
          Reflex host with <code>reflex tokens create --name you --role operator</code>; the first start printed an admin
          token. The token stays in this browser until you sign out.
        </p>
      </form>
    </div>
  );
}
