"use client";
import { createContext, useCallback, useContext, useMemo } from "react";
import { ApiError, ConnectionError } from "@/lib/client/api-client";
import { type Locale, type Translate, translator } from "@/messages";
import type { ErrorParams } from "@capstan/domain";
import { renderFieldError, renderFieldErrors, renderServerError, type ServerErrorBody } from "@/messages/reasons";

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

/**
 * Renders an error for the reader: an API refusal (ApiError) or a refusal recorded with its reason (e.g. a
 * bulk transition's item) from the catalogues by its reason and params (messages/reasons.ts), a lost
 * connection (ConnectionError) as such, any other Error by its own message.
 */
export function useErrorText(): (error: Error | ServerErrorBody) => string {
  const locale = useContext(LocaleContext);
  return useCallback(
    (error: Error | ServerErrorBody) =>
      error instanceof ApiError || !(error instanceof Error)
        ? renderServerError(locale, error)
        : error instanceof ConnectionError
          ? translator(locale)("connection.actionFailed")
          : error.message,
    [locale],
  );
}

/**
 * Renders a finding the server sends with its reason, params and English text (e.g. a placement
 * preview's quota shortfalls): from the catalogues in the reader's language, else the English.
 */
export function useReasonedText(): (f: { reason: string; params?: ErrorParams; message: string }) => string {
  const locale = useContext(LocaleContext);
  return useCallback((f: { reason: string; params?: ErrorParams; message: string }) => renderFieldError(locale, f.message, f), [locale]);
}

/** Renders an API refusal's per-field texts for the reader (messages/reasons.ts), keyed like `fields`. */
export function useFieldErrorTexts(): (error: unknown) => Record<string, string> {
  const locale = useContext(LocaleContext);
  return useCallback((error: unknown) => (error instanceof ApiError ? renderFieldErrors(locale, error) : {}), [locale]);
}
