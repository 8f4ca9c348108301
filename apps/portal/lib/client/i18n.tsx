"use client";
import { createContext, useContext, useMemo } from "react";
import { type Locale, type Translate, translator } from "@/messages";

const LocaleContext = createContext<Locale>("en");

export function I18nProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useT(): Translate {
  const locale = useContext(LocaleContext);
  return useMemo(() => translator(locale), [locale]);
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}
