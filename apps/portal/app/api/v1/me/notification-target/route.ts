import { getNotificationTarget, setNotificationTarget } from "@capstan/usecases";
import { notifications } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const GET = api(notifications.getMyNotificationTarget, (ctx) => getNotificationTarget(ctx));
export const PUT = api(notifications.setMyNotificationTarget, async (ctx, req) => setNotificationTarget(ctx, {}, await body(req)));
