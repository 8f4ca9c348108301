"use client";
import type { NotificationDto } from "@capstan/domain";
import Link from "next/link";
import { useT } from "@/lib/client/i18n";
import { Time } from "@/components/ui/time";
import { notificationText } from "./notification-text";
import { useMarkRead } from "./use-notifications";

/** Notifications as a list: each links to its object (and is marked read on the way), unread ones stand out. */
export function NotificationItems({ items, onOpen }: { items: NotificationDto[]; onOpen?: () => void }) {
  const t = useT();
  const mark = useMarkRead();
  if (items.length === 0) return <p className="p-3 text-sm text-slate-500">{t("notifications.none")}</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="notification-items">
      {items.map((n) => (
        <li key={n.id} className={`flex items-start gap-2 p-3 text-sm ${n.read ? "text-slate-600" : "bg-sky-50 font-medium text-slate-900"}`}>
          {n.read ? null : <span className="mt-1.5 h-2 w-2 shrink-0 rounded-full bg-sky-600" role="img" aria-label={t("notifications.unread")} />}
          <div className="min-w-0 flex-1">
            <Link
              href={n.link}
              className="link block"
              onClick={() => {
                if (!n.read) mark.mutate(n.id);
                onOpen?.();
              }}
            >
              {notificationText(t, n)}
            </Link>
            <span className="block text-xs font-normal text-slate-500">
              <Time at={n.createdAt} relative />
            </span>
          </div>
          {n.read ? null : (
            <button type="button" className="text-xs font-normal text-slate-500 underline" onClick={() => mark.mutate(n.id)}>
              {t("notifications.markRead")}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
