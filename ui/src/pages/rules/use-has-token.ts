// The pattern test, the rule check and the backtest are reads sent as POST, and a server with
// `auth: off` opens only GET routes without a token: there, a POST without one is answered 401,
// which would sign the read-only user out. These tools ask first whether a token is held.
import { useAuth } from "../../app/session";

/** What the tools say instead of running when no token is held. */
export const NEEDS_TOKEN = "This server runs with auth off and you are signed in without a token; testing and backtesting are POST requests and need one: sign in with a viewer token.";

/** True when the session sends a bearer token. */
export function useHasToken(): boolean {
  return useAuth().session?.token != null;
}
