// The console's root: signed out, every path shows the sign-in page (and remembers where the
// user was going); signed in, the shell with the page the URL names, or the 404 page.
import { useEffect } from "react";
import type { ReactNode } from "react";
import { NotFoundPage } from "../pages/not-found";
import { SignInPage } from "../pages/sign-in";
import { ErrorBoundary } from "./error-boundary";
import { navigate, useLocation, useRoute } from "./router";
import { ROUTES } from "./routes";
import { SessionProvider, useAuth } from "./session";
import { Shell } from "./shell";

function Routed(): ReactNode {
  const { session } = useAuth();
  const { pathname, href } = useLocation();
  const match = useRoute(ROUTES);
  const onSignIn = pathname === "/sign-in";

  useEffect(() => {
    if (session === null && !onSignIn) navigate(href === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(href)}`, { replace: true });
  }, [session, onSignIn, href]);

  if (session === null || onSignIn) return <SignInPage />;
  const Page = match?.route.page ?? NotFoundPage;
  return (
    <Shell>
      <ErrorBoundary key={pathname}>
        <Page params={match?.params ?? {}} />
      </ErrorBoundary>
    </Shell>
  );
}

/** The whole console. */
export function App(): ReactNode {
  return (
    <SessionProvider>
      <Routed />
    </SessionProvider>
  );
}
