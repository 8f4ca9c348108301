"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { I18nProvider } from "@/lib/client/i18n";
import type { Locale } from "@/messages";
import { TimeZoneProvider } from "@/components/ui/time";

export function Providers({ locale, timeZone, children }: { locale: Locale; timeZone: string; children: React.ReactNode }) {
  // Mutations run even when the browser says it is offline, so an action fails with a message
  // (ConnectionError) instead of waiting, paused, without a word.
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 10_000, retry: 1, refetchOnWindowFocus: true }, mutations: { networkMode: "always" } },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <I18nProvider locale={locale}>
        <TimeZoneProvider serverZone={timeZone}>{children}</TimeZoneProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
