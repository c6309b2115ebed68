// The per-instance fault menu (operators): a button that opens the list of fault kinds, each
// with what it does and what clears it; kinds the simulator would refuse for this instance are
// greyed with the reason. Picking one asks to confirm, then injects it through Reflex's proxy
// (POST /api/v1/sim/instances/:id/faults). Keyboard: arrows move, Enter picks, Escape closes.
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { CSSProperties, KeyboardEvent, ReactNode } from "react";
import { api } from "../../api/client";
import { InlineError, Spinner } from "../../components";
import { faultKindInfo, whyNot } from "./fault-kinds";
import type { SimFault, SimInstance } from "./types";

/** Until it is placed beside its button, the panel is not shown (nor scrolled to). */
const HIDDEN: CSSProperties = { visibility: "hidden", top: 0, right: 0 };

/** Props of `<FaultMenu>`. */
export interface FaultMenuProps {
  instance: SimInstance;
  /** The kinds the server offers (`GET /api/v1/sim` → faultKinds). */
  kinds: readonly string[];
  /** Called with the new fault once the simulator took it. */
  onInjected: (fault: SimFault) => void;
}

/** A "Fault ▾" button with its popover menu. */
export function FaultMenu({ instance, kinds, onInjected }: FaultMenuProps): ReactNode {
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [place, setPlace] = useState<CSSProperties>(HIDDEN);
  const trigger = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const id = instance.id;

  const close = (refocus: boolean): void => {
    setOpen(false);
    setPlace(HIDDEN);
    setPicked(null);
    setError(null);
    if (refocus) trigger.current?.focus();
  };

  // Fixed position next to the button (the table's scroll area would clip it): below when it
  // fits, else on the side with more room, never over the top bar.
  useLayoutEffect(() => {
    if (!open || trigger.current === null) return;
    const r = trigger.current.getBoundingClientRect();
    const height = panel.current?.scrollHeight ?? 360;
    const topbar = document.querySelector(".topbar")?.getBoundingClientRect().bottom ?? 0;
    const below = window.innerHeight - r.bottom - 12;
    const above = r.top - topbar - 12;
    const right = Math.max(8, window.innerWidth - r.right);
    if (height <= below || below >= above) setPlace({ right, top: r.bottom + 4, maxHeight: Math.min(540, Math.max(160, below)) });
    else setPlace({ right, bottom: window.innerHeight - r.top + 4, maxHeight: Math.min(540, above) });
  }, [open, picked]);

  // Clicks elsewhere, scrolling the button away and resizing close it.
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent): void => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !trigger.current?.contains(target)) close(false);
    };
    // Only scrolling that moves the button (the page, or an area holding it) closes the menu;
    // other lists scrolling or re-anchoring as they refresh leave it open.
    const away = (e: Event): void => {
      const target = e.target;
      if (target === document || (target instanceof Node && trigger.current !== null && target.contains(trigger.current))) close(false);
    };
    document.addEventListener("mousedown", outside);
    window.addEventListener("scroll", away, true);
    window.addEventListener("resize", away);
    return () => {
      document.removeEventListener("mousedown", outside);
      window.removeEventListener("scroll", away, true);
      window.removeEventListener("resize", away);
    };
  }, [open]);

  // Focus the first usable item on open, and the confirm button once a kind is picked.
  useEffect(() => {
    if (!open || place === HIDDEN) return;
    const selector = picked === null ? "[role=menuitem]:not([aria-disabled=true])" : "[data-confirm]";
    panel.current?.querySelector<HTMLElement>(selector)?.focus({ preventScroll: true });
  }, [open, picked, place]);

  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === "Escape") {
      e.preventDefault();
      if (picked !== null && !busy) setPicked(null);
      else close(true);
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const items = [...(panel.current?.querySelectorAll<HTMLElement>("[role=menuitem]:not([aria-disabled=true])") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = items[(at + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length];
    next?.focus({ preventScroll: true });
  };

  const inject = async (kind: string): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const fault = await api<SimFault>(`/api/v1/sim/instances/${encodeURIComponent(id)}/faults`, { method: "POST", body: { kind } });
      close(true);
      onInjected(fault);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  const disabled = instance.state === "RELEASED";
  return (
    <span className="fault-menu">
      <button
        ref={trigger}
        type="button"
        className="button button--small button--ghost"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={disabled}
        title={disabled ? "released instances take no faults" : `inject a fault into ${instance.name}`}
        onClick={() => (open ? close(false) : setOpen(true))}
        data-testid={`fleet-fault-menu-${id}`}
      >
        Fault <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div ref={panel} className="fault-menu__panel" style={place} onKeyDown={onKey} onClick={(e) => e.stopPropagation()} data-testid="fleet-fault-panel" data-instance={id}>
          {picked === null ? (
            <div role="menu" aria-label={`Faults for ${instance.name}`}>
              <div className="fault-menu__head">
                Inject into <strong>{instance.name}</strong> <span className="muted mono">{id}</span>
              </div>
              {kinds.map((kind) => {
                const reason = whyNot(kind, instance);
                const info = faultKindInfo(kind);
                return (
                  <button
                    key={kind}
                    type="button"
                    role="menuitem"
                    className="fault-menu__item"
                    aria-disabled={reason !== null}
                    onClick={() => reason === null && setPicked(kind)}
                    title={reason ?? undefined}
                    data-testid={`fleet-fault-option-${kind}`}
                  >
                    <span className="fault-menu__kind mono">{kind}</span>
                    <span className="fault-menu__note">{reason ?? (info === undefined ? "" : `${info.does} · cleared by ${info.clears}`)}</span>
                  </button>
                );
              })}
            </div>
          ) : (
            <div className="fault-menu__confirm">
              <div>
                Inject <strong className="mono">{picked}</strong> into <strong>{instance.name}</strong> ({id})?
              </div>
              {faultKindInfo(picked) !== undefined && <div className="muted">Cleared by {faultKindInfo(picked)?.clears}.</div>}
              <InlineError error={error} testId="fleet-fault-error" />
              <div className="row">
                <button type="button" className="button button--primary button--small" data-confirm onClick={() => void inject(picked)} disabled={busy} data-testid="fleet-fault-confirm">
                  {busy && <Spinner />}
                  Inject
                </button>
                <button type="button" className="button button--ghost button--small" onClick={() => setPicked(null)} disabled={busy} data-testid="fleet-fault-back">
                  Back
                </button>
              </div>
            </div>
          )}
        </div>
      )}
    </span>
  );
}
