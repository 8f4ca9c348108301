"use client";
// The bell in the shell's header: how many notifications are unread, and the newest few in a panel.
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useT } from "@/lib/client/i18n";
import { NotificationItems } from "./notification-items";
import { useMarkRead, useNotifications } from "./use-notifications";

export function NotificationBell() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const list = useNotifications(8);
  const mark = useMarkRead();
  const box = useRef<HTMLDivElement>(null);
  const unread = list.data?.unread ?? 0;
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);
  return (
    <div className="relative" ref={box}>
      <button
        type="button"
        className="relative rounded p-1 hover:bg-slate-100"
        aria-label={unread ? t("notifications.bellUnread", { count: unread }) : t("notifications.bell")}
        aria-expanded={open}
        aria-haspopup="true"
        data-testid="notification-bell"
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">🔔</span>
        {unread ? (
          <span
            data-testid="notification-count"
            className="absolute -right-1 -top-1 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 text-white"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          role="region"
          aria-label={t("notifications.title")}
          className="absolute right-0 z-20 mt-2 w-96 max-w-[90vw] rounded-md border border-slate-200 bg-white shadow-lg"
        >
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
            <span className="font-medium">{t("notifications.title")}</span>
            <button type="button" className="link text-xs" disabled={!unread || mark.isPending} onClick={() => mark.mutate(undefined)}>
              {t("notifications.markAllRead")}
            </button>
          </div>
          <div className="max-h-96 overflow-y-auto">
            <NotificationItems items={list.data?.items ?? []} onOpen={() => setOpen(false)} />
          </div>
          <div className="flex justify-between border-t border-slate-100 px-3 py-2 text-xs">
            <Link href="/notifications" className="link" onClick={() => setOpen(false)}>
              {t("notifications.seeAll")}
            </Link>
            <Link href="/notifications/settings" className="link" onClick={() => setOpen(false)}>
              {t("notifications.preferences")}
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}
