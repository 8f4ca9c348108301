import { en, type Messages } from "./en";
import { zhCN } from "./zh-CN";

export type Locale = "en" | "zh-CN";
export const LOCALES: Locale[] = ["en", "zh-CN"];
export const LOCALE_COOKIE = "capstan-locale";
const catalogues: Record<Locale, Messages> = { en, "zh-CN": zhCN };

export const isLocale = (s: string | undefined): s is Locale => s === "en" || s === "zh-CN";

/** Picks the locale from the cookie, then the browser's Accept-Language. */
export function pickLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookie)) return cookie;
  return acceptLanguage?.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

type Dotted<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Dotted<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Dotted<Messages>;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, vars) => {
    const text = key.split(".").reduce<unknown>((m, k) => (m as Record<string, unknown>)[k], messages) as string;
    return vars ? text.replace(/\{(\w+)\}/g, (_, v: string) => String(vars[v] ?? `{${v}}`)) : text;
  };
}
