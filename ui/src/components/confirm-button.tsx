// A button for actions that change things (cancel, re-drive, inject a fault): the first click
// asks "sure?", the second runs it, showing progress and any error beside the button. It
// reverts after a few seconds or when focus leaves, so a stray click does nothing.
import { useEffect, useRef, useState } from "react";
import type { ReactNode } from "react";
import { Spinner } from "./loading";

/** Props of `<ConfirmButton>`. */
export interface ConfirmButtonProps {
  /** Runs on the confirming click; a rejected promise's message is shown. */
  onConfirm: () => Promise<unknown> | void;
  children: ReactNode;
  /** The question on the armed button (default "Sure?"). */
  confirmLabel?: ReactNode;
  /** Red styling for destructive actions. */
  danger?: boolean;
  disabled?: boolean;
  /** Skip the confirmation step (for actions that are safe but still async). */
  immediate?: boolean;
  title?: string;
  /** `data-testid` of the button; the confirm state keeps the same id (click it twice). */
  testId?: string;
  className?: string;
}

/** A two-step action button with progress and error. */
export function ConfirmButton(props: ConfirmButtonProps): ReactNode {
  const { onConfirm, children, confirmLabel = "Sure?", danger = false, disabled = false, immediate = false, title, testId, className = "" } = props;
  const [stage, setStage] = useState<"idle" | "armed" | "running">("idle");
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (stage !== "armed") return;
    const timer = window.setTimeout(() => setStage("idle"), 4000);
    return () => window.clearTimeout(timer);
  }, [stage]);

  const run = async (): Promise<void> => {
    setStage("running");
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      if (mounted.current) setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (mounted.current) setStage("idle");
    }
  };

  const click = (): void => {
    if (stage === "running") return;
    if (stage === "armed" || immediate) void run();
    else setStage("armed");
  };

  const classes = ["button", danger ? "button--danger" : "", stage === "armed" ? "button--armed" : "", className].filter(Boolean).join(" ");
  return (
    <span className="confirm-button">
      <button
        type="button"
        className={classes}
        disabled={disabled || stage === "running"}
        onClick={click}
        onBlur={() => stage === "armed" && setStage("idle")}
        title={title}
        data-testid={testId}
        data-state={stage}
        aria-busy={stage === "running"}
      >
        {stage === "running" && <Spinner />}
        {stage === "armed" ? confirmLabel : children}
      </button>
      {error !== null && (
        <span className="inline-error" role="alert" data-testid={testId === undefined ? undefined : `${testId}-error`}>
          {error}
        </span>
      )}
    </span>
  );
}
