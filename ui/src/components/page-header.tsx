// The top of every page: its title, a line saying what it shows, and its actions on the right.
import type { ReactNode } from "react";

/** Props of `<PageHeader>`. */
export interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Buttons and filters aligned to the right. */
  actions?: ReactNode;
  /** A small line above the title (e.g. a link back to the list). */
  breadcrumb?: ReactNode;
}

/** A page title row. */
export function PageHeader({ title, subtitle, actions, breadcrumb }: PageHeaderProps): ReactNode {
  return (
    <header className="page-header">
      <div className="page-header__text">
        {breadcrumb !== undefined && <div className="page-header__crumb">{breadcrumb}</div>}
        <h1 data-testid="page-title">{title}</h1>
        {subtitle !== undefined && <p className="page-header__subtitle">{subtitle}</p>}
      </div>
      {actions !== undefined && <div className="page-header__actions">{actions}</div>}
    </header>
  );
}
