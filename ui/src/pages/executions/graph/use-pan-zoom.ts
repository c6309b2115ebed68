// Panning and zooming of the graph without transforms to keep in sync: the SVG is drawn at
// `scale` times its size inside a scrolling box, so panning is the box's own scroll (wheel,
// scrollbars, arrow keys, or dragging the background) and zooming changes the size while the
// point under the centre (or under the mouse, for ctrl+wheel) stays put.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { PointerEvent, RefObject } from "react";

const MIN = 0.1;
const MAX = 2;
/** Below this, "fit" would make text unreadable: start larger and let people scroll. */
const SMALLEST_START = 0.6;

/** What the graph view gets from `usePanZoom`. */
export interface PanZoom {
  scale: number;
  zoomIn: () => void;
  zoomOut: () => void;
  /** Shows the whole graph (as small as it takes). */
  fit: () => void;
  /** 100 %. */
  actual: () => void;
  /** Scrolls so that `rect` (in graph units) is in view, if it is not. */
  reveal: (rect: Rect) => void;
  /** Handlers for dragging the background to pan. */
  dragHandlers: {
    onPointerDown: (e: PointerEvent<HTMLDivElement>) => void;
    onPointerMove: (e: PointerEvent<HTMLDivElement>) => void;
    onPointerUp: (e: PointerEvent<HTMLDivElement>) => void;
  };
  dragging: boolean;
}

const clampScale = (s: number): number => Math.min(MAX, Math.max(MIN, s));

/** A box in graph units. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Pan and zoom for content of `width`×`height` in the scrolling `box`; a new `resetKey` fits it
 * again, centred on `focus` when given (else at the top).
 */
export function usePanZoom(box: RefObject<HTMLDivElement | null>, width: number, height: number, resetKey: string, focus?: Rect): PanZoom {
  const [scale, setScale] = useState(1);
  const scaleNow = useRef(scale);
  scaleNow.current = scale;
  // The content point to keep at a given spot of the box when the scale changes.
  const anchor = useRef<{ x: number; y: number; at: { x: number; y: number } } | null>(null);
  const drag = useRef<{ x: number; y: number; left: number; top: number; id: number } | null>(null);
  const [dragging, setDragging] = useState(false);

  const fitScale = useCallback((): number => {
    const el = box.current;
    if (el === null || width === 0 || height === 0) return 1;
    return clampScale(Math.min(1, (el.clientWidth - 8) / width, (el.clientHeight - 8) / height));
  }, [box, width, height]);

  const zoomTo = useCallback(
    (next: number, at?: { x: number; y: number }) => {
      const el = box.current;
      setScale((current) => {
        const target = clampScale(next);
        if (el !== null && target !== current) {
          const spot = at ?? { x: el.clientWidth / 2, y: el.clientHeight / 2 };
          anchor.current = { x: (el.scrollLeft + spot.x) / current, y: (el.scrollTop + spot.y) / current, at: spot };
        }
        return target;
      });
    },
    [box],
  );

  useLayoutEffect(() => {
    const el = box.current;
    const a = anchor.current;
    if (el === null || a === null) return;
    anchor.current = null;
    el.scrollLeft = a.x * scale - a.at.x;
    el.scrollTop = a.y * scale - a.at.y;
  }, [scale, box]);

  // A new graph: fit it, or when that is too small, start readable at the top, centred.
  useLayoutEffect(() => {
    const el = box.current;
    const start = fitScale() >= SMALLEST_START ? fitScale() : SMALLEST_START;
    const previous = scaleNow.current;
    setScale(start);
    scaleNow.current = start;
    if (el === null) return;
    // The graph point to show: the focused task in the middle, or the top centre at the top.
    const want = focus !== undefined ? { x: focus.x + focus.width / 2, y: focus.y + focus.height / 2, at: { x: el.clientWidth / 2, y: el.clientHeight / 2 } } : { x: width / 2, y: 0, at: { x: el.clientWidth / 2, y: 0 } };
    if (start === previous) {
      el.scrollLeft = want.x * start - want.at.x;
      el.scrollTop = want.y * start - want.at.y;
    } else anchor.current = want; // applied once the SVG has its new size
    // Only when the graph itself changes (not when the box is resized).
  }, [resetKey]);

  // ctrl/cmd + wheel zooms at the mouse (a non-passive listener, to keep the page from zooming).
  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const onWheel = (event: WheelEvent): void => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const rect = el.getBoundingClientRect();
      setScale((current) => {
        const target = clampScale(current * Math.exp(-event.deltaY * 0.0015));
        anchor.current = { x: (el.scrollLeft + event.clientX - rect.left) / current, y: (el.scrollTop + event.clientY - rect.top) / current, at: { x: event.clientX - rect.left, y: event.clientY - rect.top } };
        return target;
      });
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [box]);

  const dragHandlers = {
    onPointerDown: (e: PointerEvent<HTMLDivElement>): void => {
      const el = box.current;
      if (el === null || e.button !== 0 || (e.target as Element).closest(".exec-node, a, button") !== null) return;
      drag.current = { x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop, id: e.pointerId };
    },
    onPointerMove: (e: PointerEvent<HTMLDivElement>): void => {
      const el = box.current;
      const d = drag.current;
      if (el === null || d === null || d.id !== e.pointerId) return;
      if (!dragging && Math.abs(e.clientX - d.x) + Math.abs(e.clientY - d.y) > 4) {
        setDragging(true);
        el.setPointerCapture(e.pointerId);
      }
      el.scrollLeft = d.left - (e.clientX - d.x);
      el.scrollTop = d.top - (e.clientY - d.y);
    },
    onPointerUp: (e: PointerEvent<HTMLDivElement>): void => {
      if (drag.current?.id !== e.pointerId) return;
      drag.current = null;
      setDragging(false);
      if (box.current?.hasPointerCapture(e.pointerId) === true) box.current.releasePointerCapture(e.pointerId);
    },
  };

  const reveal = useCallback(
    (rect: Rect) => {
      const el = box.current;
      if (el === null) return;
      const s = scaleNow.current;
      const [left, top, right, bottom] = [rect.x * s, rect.y * s, (rect.x + rect.width) * s, (rect.y + rect.height) * s];
      const visible = left >= el.scrollLeft && right <= el.scrollLeft + el.clientWidth && top >= el.scrollTop && bottom <= el.scrollTop + el.clientHeight;
      if (!visible) el.scrollTo({ left: (left + right) / 2 - el.clientWidth / 2, top: (top + bottom) / 2 - el.clientHeight / 2 });
    },
    [box],
  );

  return {
    scale,
    reveal,
    zoomIn: () => zoomTo(scale * 1.25),
    zoomOut: () => zoomTo(scale / 1.25),
    fit: () => zoomTo(fitScale()),
    actual: () => zoomTo(1),
    dragHandlers,
    dragging,
  };
}
