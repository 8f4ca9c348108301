import "./globals.css";
import type { Metadata } from "next";
import { Providers } from "@/components/providers";
import { pageLocale } from "@/lib/server/context";

export const metadata: Metadata = { title: { default: "Capstan", template: "%s · Capstan" } };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await pageLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <Providers locale={locale}>{children}</Providers>
      </body>
    </html>
  );
}
