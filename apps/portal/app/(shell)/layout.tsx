import { readsEverything } from "@capstan/domain";
import { getMe } from "@capstan/usecases";
import { ConnectionBanner } from "@/components/connection-banner";
import { NavLinks } from "@/components/nav-links";
import { NotificationBell } from "@/components/notifications/notification-bell";
import Link from "next/link";
import { PASSWORD_PAGE, pageContext, pageLocale, pageTranslator } from "@/lib/server/context";
import { setLocaleAction, signOutAction } from "../actions";

export default async function ShellLayout({ children }: { children: React.ReactNode }) {
  const ctx = await pageContext();
  const [me, t, locale] = await Promise.all([getMe(ctx), pageTranslator(), pageLocale()]);
  const nav = [
    { href: "/", label: t("nav.dashboard") },
    { href: "/systems", label: t("nav.systems") },
    { href: "/applications", label: t("nav.applications") },
    { href: "/groups", label: t("nav.groups") },
    { href: "/quotas", label: t("nav.quotas") },
    { href: "/nodes", label: t("nav.nodes") },
    { href: "/data-centres", label: t("nav.dataCentres") },
    { href: "/departments", label: t("nav.departments") },
    ...(readsEverything(ctx.actor) ? [{ href: "/users", label: t("nav.users") }] : []),
    { href: "/audit", label: t("nav.audit") },
    { href: "/tokens", label: t("nav.tokens") },
  ];
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2">
        {t("nav.skip")}
      </a>
      <aside className="w-56 shrink-0 border-r border-slate-200 bg-slate-900 text-slate-100">
        <div className="px-4 py-4 text-lg font-semibold tracking-tight">⚓ {t("app.name")}</div>
        <NavLinks items={nav} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center justify-end gap-4 border-b border-slate-200 bg-white px-6 py-2 text-sm">
          <form action={setLocaleAction}>
            <input type="hidden" name="locale" value={locale === "en" ? "zh-CN" : "en"} />
            <button type="submit" className="link" lang={locale === "en" ? "zh-CN" : "en"}>
              {t("nav.language")}
            </button>
          </form>
          <NotificationBell />
          <span data-testid="current-user">
            {me.name} · <span className="text-slate-500">{t(`roles.${me.role ?? "none"}`)}</span>
          </span>
          <Link href={PASSWORD_PAGE} className="link">
            {t("nav.password")}
          </Link>
          <form action={signOutAction}>
            <button type="submit" className="btn-secondary">
              {t("nav.signOut")}
            </button>
          </form>
        </header>
        <ConnectionBanner />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 space-y-6 p-6">
          {children}
        </main>
      </div>
    </div>
  );
}
