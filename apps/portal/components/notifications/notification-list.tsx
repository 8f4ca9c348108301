"use client";
// The notifications page: all of one's notifications, newest first (or the unread only), kept live.
import { useState } from "react";
import { useT } from "@/lib/client/i18n";
import { NotificationItems } from "./notification-items";
import { useMarkRead, useNotifications } from "./use-notifications";

export function NotificationList() {
  const t = useT();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(100, unreadOnly);
  const mark = useMarkRead();
  return (
    <section className="card space-y-3 p-0">
      <div className="flex flex-wrap items-center gap-4 px-3 pt-3">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
          {t("notifications.unread")} ({list.data?.unread ?? 0})
        </label>
        <button type="button" className="btn-secondary" disabled={!list.data?.unread || mark.isPending} onClick={() => mark.mutate(undefined)}>
          {t("notifications.markAllRead")}
        </button>
      </div>
      <NotificationItems items={list.data?.items ?? []} />
    </section>
  );
}
