import type { Notification } from "@capstan/db";
import { type NotificationDto, type NotificationKind, type NotificationParams, type NotificationReason, notificationText } from "@capstan/domain";

/** A stored notification as the API shows it: its reason and params, and their English as `message`. */
export const toNotificationDto = (n: Notification): NotificationDto => {
  const params = n.params as NotificationParams;
  return {
    id: n.id,
    kind: n.kind as NotificationKind,
    reason: n.reason,
    params,
    message: notificationText(n.reason as NotificationReason, params),
    link: n.link,
    read: n.readAt !== null,
    createdAt: n.createdAt.toISOString(),
  };
};
