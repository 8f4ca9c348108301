import { markNotificationRead } from "@capstan/usecases";
import { notifications } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const POST = api(notifications.markNotificationRead, (ctx, _req, p) => markNotificationRead(ctx, p.id));
