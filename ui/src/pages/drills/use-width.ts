// The pixel width of an element, kept current with a ResizeObserver, so SVG charts draw at the
// size they are shown (crisp text at 1280 px and at 2560 px, no stretched viewBox).
import { useLayoutEffect, useRef, useState } from "react";
import type { RefObject } from "react";

/** A ref to attach and the element's current content width (`fallback` until measured). */
export function useWidth<E extends HTMLElement>(fallback = 900): [RefObject<E | null>, number] {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
