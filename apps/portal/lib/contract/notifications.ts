// One's notifications, what one chooses to receive, and where e-mails and webhook posts go
// (docs/notifications.md).
import {
  NotificationListQuery,
  NotificationPageSchema,
  NotificationPreferencesSchema,
  NotificationPreferencesSet,
  NotificationSchema,
  NotificationsMarkedSchema,
  NotificationTargetSchema,
  NotificationTargetSet,
} from "@capstan/domain";
import { route } from "./route";

export const listNotifications = route({
  method: "GET",
  path: "/notifications",
  tag: "notifications",
  summary: "One's notifications",
  query: NotificationListQuery,
  keyset: true,
  response: { status: 200, description: "The caller's notifications, newest first, with how many are unread", body: { NotificationPageSchema } },
});
export const markNotificationRead = route({
  method: "POST",
  path: "/notifications/{id}/read",
  tag: "notifications",
  summary: "Mark a notification read",
  response: { status: 200, description: "Marked read (again is a no-op); 404 for another's", body: { NotificationSchema } },
});
export const markAllNotificationsRead = route({
  method: "POST",
  path: "/notifications/read",
  tag: "notifications",
  summary: "Mark all one's notifications read",
  response: { status: 200, description: "How many were marked read", body: { NotificationsMarkedSchema } },
});
export const getNotificationPreferences = route({
  method: "GET",
  path: "/me/notification-preferences",
  tag: "notifications",
  summary: "What one chooses to receive",
  response: { status: 200, description: "Per kind: in the portal, by e-mail, by webhook", body: { NotificationPreferencesSchema } },
});
export const setNotificationPreferences = route({
  method: "PUT",
  path: "/me/notification-preferences",
  tag: "notifications",
  summary: "Choose what to receive",
  body: { NotificationPreferencesSet },
  response: { status: 200, description: "The choice for every kind", body: { NotificationPreferencesSchema } },
});
export const getMyNotificationTarget = route({
  method: "GET",
  path: "/me/notification-target",
  tag: "notifications",
  summary: "Where one's e-mails and webhook posts go",
  response: { status: 200, description: "The e-mail address and the webhook's host (its URL is never shown)", body: { NotificationTargetSchema } },
});
export const setMyNotificationTarget = route({
  method: "PUT",
  path: "/me/notification-target",
  tag: "notifications",
  summary: "Set where one's e-mails and webhook posts go",
  body: { NotificationTargetSet },
  response: { status: 200, description: "Set; 422 for a webhook URL the outbound policy refuses", body: { NotificationTargetSchema } },
});
export const getDepartmentNotificationTarget = route({
  method: "GET",
  path: "/departments/{department}/notification-target",
  tag: "notifications",
  summary: "Where a department's notifications go",
  response: { status: 200, description: "The department's e-mail address and webhook host (its admins)", body: { NotificationTargetSchema } },
});
export const setDepartmentNotificationTarget = route({
  method: "PUT",
  path: "/departments/{department}/notification-target",
  tag: "notifications",
  summary: "Set where a department's notifications go",
  body: { NotificationTargetSet },
  response: {
    status: 200,
    description: "Set (the department's admins); 422 for a webhook URL the outbound policy refuses",
    body: { NotificationTargetSchema },
  },
});
