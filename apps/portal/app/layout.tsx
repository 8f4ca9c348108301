import "./globals.css";
import type { Metadata } from "next";
import { Providers } from "@/components/providers";
import { pageLocale } from "@/lib/server/context";
import { pageTimeZone } from "@/lib/server/time-zone";

export const metadata: Metadata = { title: { default: "Capstan", template: "%s · Capstan" } };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, timeZone] = await Promise.all([pageLocale(), pageTimeZone()]);
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <Providers locale={locale} timeZone={timeZone}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
