// The browser tab's title follows the page ("Executions · Reflex"), so a row of tabs during an
// incident says which is which.
import { useEffect } from "react";

/** Sets `document.title` to `title · Reflex` while the calling page is shown. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title === "" ? "Reflex" : `${title} · Reflex`;
  }, [title]);
}
