// Dark and light themes: the choice is remembered in localStorage; without one, the system's
// preference decides (and is followed when it changes). index.html applies it before the first
// paint; this hook keeps `<html data-theme>` and the toggle in step.
import { useCallback, useEffect, useState } from "react";

/** The two themes. */
export type Theme = "dark" | "light";

const KEY = "reflex.theme";

function saved(): Theme | null {
  try {
    const value = window.localStorage.getItem(KEY);
    return value === "dark" || value === "light" ? value : null;
  } catch {
    return null;
  }
}

function system(): Theme {
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** The theme in force and a way to switch it (the switch is remembered). */
export function useTheme(): { theme: Theme; toggle: () => void } {
  const [theme, setTheme] = useState<Theme>(() => saved() ?? system());

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const follow = (): void => {
      if (saved() === null) setTheme(system());
    };
    media.addEventListener("change", follow);
    return () => media.removeEventListener("change", follow);
  }, []);

  const toggle = useCallback(() => {
    setTheme((current) => {
      const next: Theme = current === "dark" ? "light" : "dark";
      try {
        window.localStorage.setItem(KEY, next);
      } catch {
        // No storage: the choice lasts until reload.
      }
      return next;
    });
  }, []);

  return { theme, toggle };
}
