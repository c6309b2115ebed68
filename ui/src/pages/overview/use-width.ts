// The charts draw in real pixels (so text is never stretched): this hook measures the width
// of their box and follows it when the window or the grid changes.
import { useEffect, useRef, useState } from "react";
import type { RefObject } from "react";

/** A ref to attach to a block element, and its current content width in px (0 until measured). */
export function useWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box !== undefined) setWidth(Math.floor(box.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
