import { markAllNotificationsRead } from "@capstan/usecases";
import { notifications } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const POST = api(notifications.markAllNotificationsRead, (ctx) => markAllNotificationsRead(ctx));
