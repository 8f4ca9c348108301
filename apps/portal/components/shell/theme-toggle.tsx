"use client";
import { useState } from "react";
import { useT } from "@/lib/client/i18n";
import { savePreference, THEME_COOKIE, THEMES, type Theme } from "./preferences";

/**
 * Cycles the colour theme: system → light → dark. Sets <html data-theme> at once (app/dark.css reads it)
 * and remembers the choice in a cookie the root layout renders from.
 */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const t = useT();
  const [theme, setTheme] = useState(initial);
  const next = () => {
    const value = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length]!;
    document.documentElement.dataset.theme = value;
    savePreference(THEME_COOKIE, value);
    setTheme(value);
  };
  return (
    <button type="button" className="btn-secondary" onClick={next} data-testid="theme-toggle" data-theme-choice={theme}>
      <span aria-hidden="true">{theme === "dark" ? "☾" : theme === "light" ? "☀" : "◐"}</span>
      <span className="sr-only">{t("shell.theme", { mode: t(`shell.themes.${theme}`) })}</span>
    </button>
  );
}
