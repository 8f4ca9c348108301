import "./globals.css";
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { Providers } from "@/components/shell/providers";
import { parseTheme, THEME_COOKIE } from "@/components/shell/preferences";
import { pageLocale } from "@/lib/server/context";
import { pageTimeZone } from "@/lib/server/time-zone";

// No title here: each page's header renders its own <title> naming its object (components/shell/page-header.tsx).
export const metadata: Metadata = {};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, timeZone, jar] = await Promise.all([pageLocale(), pageTimeZone(), cookies()]);
  // data-theme comes from the cookie the theme toggle sets, so the first paint has the right colours.
  return (
    <html lang={locale} data-theme={parseTheme(jar.get(THEME_COOKIE)?.value)}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <Providers locale={locale} timeZone={timeZone}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
