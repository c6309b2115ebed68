// The frame around every signed-in page: a top bar with the product name, a link to each
// section, the theme switch and who is signed in (name, role, sign out); the page below.
import type { ReactNode } from "react";
import { NAV, isActive } from "./nav";
import { Link, useLocation } from "./router";
import { useSession } from "./session";
import { useTheme } from "./theme";

/** The signed-in layout. */
export function Shell({ children }: { children: ReactNode }): ReactNode {
  const { pathname } = useLocation();
  const session = useSession();
  const { theme, toggle } = useTheme();
  return (
    <div className="shell">
      <header className="topbar" data-testid="topbar">
        <Link to="/" className="topbar__brand" data-testid="brand">
          <svg viewBox="0 0 16 16" aria-hidden="true" className="topbar__logo">
            <rect width="16" height="16" rx="3" />
            <path d="M4 12V4h4.5a2.5 2.5 0 0 1 0 5H6m2 0 3 3" />
          </svg>
          Reflex
        </Link>
        <nav className="topbar__nav" aria-label="Sections">
          {NAV.map((item) => {
            const active = isActive(item.path, pathname);
            return (
              <Link key={item.path} to={item.path} className={active ? "topbar__link is-active" : "topbar__link"} aria-current={active ? "page" : undefined} data-testid={item.testId}>
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="topbar__session">
          <button
            type="button"
            className="icon-button"
            onClick={toggle}
            title={theme === "dark" ? "Switch to the light theme" : "Switch to the dark theme"}
            aria-label={theme === "dark" ? "Switch to the light theme" : "Switch to the dark theme"}
            data-testid="theme-toggle"
            data-theme={theme}
          >
            {theme === "dark" ? <SunIcon /> : <MoonIcon />}
          </button>
          <span className="topbar__who" title={session.tokenId === null ? "no token (auth is off: read only)" : `token ${session.tokenId}`}>
            <span className="topbar__name" data-testid="session-name">
              {session.name}
            </span>
            <span className={`role role--${session.role}`} data-testid="session-role">
              {session.role}
            </span>
          </span>
          <button type="button" className="button button--ghost button--small" onClick={session.signOut} data-testid="sign-out">
            Sign out
          </button>
        </div>
      </header>
      <main className="page" data-testid="page">
        {children}
      </main>
    </div>
  );
}

function SunIcon(): ReactNode {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="icon">
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
    </svg>
  );
}

function MoonIcon(): ReactNode {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="icon">
      <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" />
    </svg>
  );
}
