// A page that throws while rendering shows what broke and a way out, instead of a white screen;
// the shell around it keeps working, and navigating elsewhere starts fresh (keyed by path).
import { Component } from "react";
import type { ErrorInfo, ReactNode } from "react";
import { ErrorState } from "../components/error-state";

interface State {
  error: Error | null;
}

/** Catches render errors of the page inside it. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("the page failed to render", error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error !== null) {
      return <ErrorState error={this.state.error} title="This page failed to show" onRetry={() => this.setState({ error: null })} testId="page-error" />;
    }
    return this.props.children;
  }
}
