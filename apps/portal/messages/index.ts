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
    return vars ? interpolate(locale, text, vars) : text;
  };
}

/**
 * Fills a message: `{name}` with the value, and ICU MessageFormat's plural form
 * `{count, plural, one {# pod} other {# pods}}` with the branch `Intl.PluralRules` picks for the
 * locale's language (CLDR plural rules; Chinese has only `other`), `=N` branches first and `#` standing
 * for the number. Only this subset of MessageFormat is understood: no nesting, no select.
 */
export function interpolate(locale: Locale, text: string, vars: Record<string, string | number>): string {
  const rules = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  const plural = text.replace(/\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g, (whole, name: string, body: string) => {
    const n = Number(vars[name]);
    if (!Number.isFinite(n)) return whole;
    const branches = new Map([...body.matchAll(/(=\d+|\w+)\s*\{([^{}]*)\}/g)].map((m) => [m[1]!, m[2]!]));
    const branch = branches.get(`=${n}`) ?? branches.get(rules.select(n)) ?? branches.get("other") ?? "";
    return branch.replace(/#/g, number.format(n));
  });
  return plural.replace(/\{(\w+)\}/g, (_, v: string) => String(vars[v] ?? `{${v}}`));
}
