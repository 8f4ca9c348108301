import { auditScope, canOperateFleet, readsEverything } from "@capstan/domain";
import { getMe } from "@capstan/usecases";
import { ConnectionBanner } from "@/components/shell/connection-banner";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { cookies } from "next/headers";
import Link from "next/link";
import { CommandPalette } from "@/components/shell/command-palette";
import { parseTheme, SIDEBAR_COOKIE, THEME_COOKIE } from "@/components/shell/preferences";
import { ShellFrame } from "@/components/shell/shell-frame";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { PASSWORD_PAGE, pageContext, pageLocale, pageTranslator } from "@/lib/server/context";
import { setLocaleAction, signOutAction } from "../actions";

export default async function ShellLayout({ children }: { children: React.ReactNode }) {
  const ctx = await pageContext();
  const [me, t, locale, jar] = await Promise.all([getMe(ctx), pageTranslator(), pageLocale(), cookies()]);
  // Only what the role can open (the pages refuse the rest): nodes for platform roles, people for platform
  // roles, the audit log for platform roles and department admins (domain/access.ts).
  const nav = [
    { href: "/", label: t("nav.dashboard") },
    { href: "/systems", label: t("nav.systems") },
    { href: "/applications", label: t("nav.applications") },
    { href: "/groups", label: t("nav.groups") },
    { href: "/quotas", label: t("nav.quotas") },
    ...(canOperateFleet(ctx.actor) ? [{ href: "/nodes", label: t("nav.nodes") }] : []),
    { href: "/data-centres", label: t("nav.dataCentres") },
    { href: "/departments", label: t("nav.departments") },
    ...(readsEverything(ctx.actor) ? [{ href: "/users", label: t("nav.users") }] : []),
    ...(auditScope(ctx.actor) !== "none" ? [{ href: "/audit", label: t("nav.audit") }] : []),
    { href: "/tokens", label: t("nav.tokens") },
  ];
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        {t("nav.skip")}
      </a>
      <ShellFrame
        nav={nav}
        brand={<>⚓ {t("app.name")}</>}
        initialCollapsed={jar.get(SIDEBAR_COOKIE)?.value === "collapsed"}
        header={
          <>
            <CommandPalette />
            <NotificationBell />
            <ThemeToggle initial={parseTheme(jar.get(THEME_COOKIE)?.value)} />
            <form action={setLocaleAction}>
              <input type="hidden" name="locale" value={locale === "en" ? "zh-CN" : "en"} />
              <button type="submit" className="link" lang={locale === "en" ? "zh-CN" : "en"}>
                {t("nav.language")}
              </button>
            </form>
            <span data-testid="current-user">
              {me.name} · <span className="text-slate-600">{t(`roles.${me.role ?? "none"}`)}</span>
            </span>
            <Link href={PASSWORD_PAGE} className="link">
              {t("nav.password")}
            </Link>
            <form action={signOutAction}>
              <button type="submit" className="btn-secondary">
                {t("nav.signOut")}
              </button>
            </form>
          </>
        }
      >
        <ConnectionBanner />
        {children}
      </ShellFrame>
    </>
  );
}
