"use client";
// Says so when the portal has lost the server, so the last status on the page is not taken as live:
// the browser reports being offline (TanStack Query's onlineManager), or the latest request for any data
// on the page could not reach the server (ConnectionError). Gone as soon as a request succeeds again.
import { onlineManager, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, useSyncExternalStore } from "react";
import { ConnectionError } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";

export function ConnectionBanner() {
  const t = useT();
  const client = useQueryClient();
  const online = useSyncExternalStore(
    (notify) => onlineManager.subscribe(notify),
    () => onlineManager.isOnline(),
    () => true,
  );
  const [unreachable, setUnreachable] = useState(false);
  useEffect(
    () =>
      client.getQueryCache().subscribe((event) => {
        if (event.type !== "updated") return;
        if (event.action.type === "error") setUnreachable(event.action.error instanceof ConnectionError);
        if (event.action.type === "success") setUnreachable(false);
      }),
    [client],
  );
  if (online && !unreachable) return null;
  return (
    <div role="alert" className="border-b border-amber-300 bg-amber-100 px-6 py-2 text-sm font-medium text-amber-900">
      {t("connection.lost")}
    </div>
  );
}
