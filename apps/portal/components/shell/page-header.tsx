"use client";
import Link from "next/link";
import { useT } from "@/lib/client/i18n";

/**
 * A page's heading, breadcrumbs and actions. It also renders the document's <title> ("<title> · Capstan"),
 * which React hoists into <head>, so every page's title names its object.
 */
export function PageHeader({ title, crumbs = [], actions }: { title: string; crumbs?: { href: string; label: string }[]; actions?: React.ReactNode }) {
  const t = useT();
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <title>{`${title} · Capstan`}</title>
      <div className="min-w-0 break-words">
        {crumbs.length > 0 ? (
          <nav aria-label={t("nav.breadcrumb")} className="text-sm text-slate-500">
            {crumbs.map((c) => (
              <span key={c.href}>
                <Link href={c.href} className="link">
                  {c.label}
                </Link>
                {" / "}
              </span>
            ))}
          </nav>
        ) : null}
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      </div>
      {actions ? <div className="flex gap-2">{actions}</div> : null}
    </div>
  );
}
