// The console's sections, in the order of the top bar.

/** One link of the top bar. */
export interface NavItem {
  label: string;
  path: string;
  /** `data-testid` of the link. */
  testId: string;
}

/** Every section, first to last. */
export const NAV: readonly NavItem[] = [
  { label: "Overview", path: "/", testId: "nav-overview" },
  { label: "Events", path: "/events", testId: "nav-events" },
  { label: "Rules", path: "/rules", testId: "nav-rules" },
  { label: "Executions", path: "/executions", testId: "nav-executions" },
  { label: "Approvals", path: "/approvals", testId: "nav-approvals" },
  { label: "Dead letters", path: "/dead-letters", testId: "nav-dead-letters" },
  { label: "Fleet", path: "/fleet", testId: "nav-fleet" },
  { label: "Drills", path: "/drills", testId: "nav-drills" },
];

/** True when `pathname` is inside the section at `path`. */
export function isActive(path: string, pathname: string): boolean {
  return path === "/" ? pathname === "/" : pathname === path || pathname.startsWith(`${path}/`);
}
