"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useT } from "@/lib/client/i18n";

export function NavLinks({ items }: { items: { href: string; label: string }[] }) {
  const path = usePathname();
  const t = useT();
  return (
    <nav aria-label={t("nav.main")}>
      <ul className="space-y-0.5 px-2">
        {items.map((item) => {
          const active = item.href === "/" ? path === "/" : path.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-md px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-sky-400 ${active ? "bg-slate-700 font-medium text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
