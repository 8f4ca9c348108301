// Display preferences kept in cookies, so the server renders the page as the browser will show it (no
// flash on load): the colour theme and whether the sidebar is hidden on wide screens.
export const THEME_COOKIE = "capstan-theme";
export const SIDEBAR_COOKIE = "capstan-sidebar";
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/** The theme a cookie names; "system" (follow prefers-color-scheme) when absent or unknown. */
export const parseTheme = (value: string | undefined): Theme => ((THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : "system");

/** Sets a preference cookie for a year, readable by the server on the next request. */
export function savePreference(name: string, value: string) {
  document.cookie = `${name}=${value}; path=/; max-age=31536000; samesite=lax`;
}
