"use client";
// The caller's notifications, kept live by polling (TanStack Query's refetchInterval, also on window
// focus): every NOTIFICATIONS_POLL_MS the bell asks for the newest page and the unread count. Polling
// rather than SSE: one cheap indexed query per open tab, through the same API and proxy as everything else
// (docs/notifications.md).
import type { NotificationPage } from "@capstan/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api-client";

export const NOTIFICATIONS = "/api/v1/notifications";
/** How often an open portal asks for new notifications. */
export const NOTIFICATIONS_POLL_MS = 10_000;

/** The newest `pageSize` notifications (unread only when `unread`), refreshed while the page is open. */
export function useNotifications(pageSize: number, unread = false) {
  return useQuery({
    queryKey: [NOTIFICATIONS, pageSize, unread],
    queryFn: () => apiFetch<NotificationPage>(`${NOTIFICATIONS}?pageSize=${pageSize}${unread ? "&unread=true" : ""}`),
    refetchInterval: NOTIFICATIONS_POLL_MS,
    staleTime: 0,
  });
}

/** Marks one notification read (`id`) or all of them (no id); every notification list refreshes. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id?: string) => apiFetch(id ? `${NOTIFICATIONS}/${id}/read` : `${NOTIFICATIONS}/read`, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: [NOTIFICATIONS] }),
  });
}
