"use client";
// The portal's frame: a sidebar with the navigation and a header. On wide screens (md, 768 px and up)
// the sidebar can be hidden, and that choice is remembered (cookie, so the server renders it that way);
// on narrow ones it is hidden until the menu button opens it over the page, and closes on navigation.
import { usePathname } from "next/navigation";
import { useState } from "react";
import { useT } from "@/lib/client/i18n";
import { NavLinks } from "@/components/shell/nav-links";
import { savePreference, SIDEBAR_COOKIE } from "./preferences";

const WIDE = "(min-width: 768px)";

export function ShellFrame(props: {
  nav: { href: string; label: string }[];
  brand: React.ReactNode;
  header: React.ReactNode;
  initialCollapsed: boolean;
  children: React.ReactNode;
}) {
  const t = useT();
  const path = usePathname();
  const [collapsed, setCollapsed] = useState(props.initialCollapsed);
  // The narrow-screen menu is open on the page where it was opened: navigating closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const mobileOpen = openOn === path;
  const setMobileOpen = (open: boolean) => setOpenOn(open ? path : null);
  const toggle = () => {
    if (window.matchMedia(WIDE).matches) {
      savePreference(SIDEBAR_COOKIE, collapsed ? "expanded" : "collapsed");
      setCollapsed(!collapsed);
    } else setMobileOpen(!mobileOpen);
  };
  const expanded = mobileOpen || !collapsed;
  return (
    <div className="flex min-h-screen">
      <aside
        id="sidebar"
        data-collapsed={collapsed}
        className={`keep-palette w-56 shrink-0 flex-col border-r border-slate-200 bg-slate-900 text-slate-100 ${mobileOpen ? "fixed inset-y-0 left-0 z-40 flex overflow-y-auto" : "hidden"} ${collapsed ? "" : "md:static md:flex"}`}
      >
        <div className="px-4 py-4 text-lg font-semibold tracking-tight">{props.brand}</div>
        <NavLinks items={props.nav} />
      </aside>
      {mobileOpen && <div className="fixed inset-0 z-30 bg-slate-900/40 md:hidden" aria-hidden="true" onClick={() => setMobileOpen(false)} />}
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex flex-wrap items-center justify-end gap-x-4 gap-y-2 border-b border-slate-200 bg-white px-3 py-2 text-sm sm:px-6">
          <button
            type="button"
            className="btn-secondary mr-auto"
            onClick={toggle}
            aria-controls="sidebar"
            aria-expanded={expanded}
            data-testid="sidebar-toggle"
          >
            <span aria-hidden="true">☰</span>
            <span className="sr-only">{t("shell.menu")}</span>
          </button>
          {props.header}
        </header>
        <main id="main" className="mx-auto w-full min-w-0 max-w-6xl flex-1 space-y-6 p-3 sm:p-6">
          {props.children}
        </main>
      </div>
    </div>
  );
}
