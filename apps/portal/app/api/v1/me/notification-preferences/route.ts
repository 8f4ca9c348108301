import { getNotificationPreferences, setNotificationPreferences } from "@capstan/usecases";
import { notifications } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const GET = api(notifications.getNotificationPreferences, (ctx) => getNotificationPreferences(ctx));
export const PUT = api(notifications.setNotificationPreferences, async (ctx, req) => setNotificationPreferences(ctx, await body(req)));
