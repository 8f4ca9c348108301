import { listNotifications } from "@capstan/usecases";
import { notifications } from "@/lib/contract";
import { api, query } from "@/lib/server/api";

export const GET = api(notifications.listNotifications, (ctx, req) => listNotifications(ctx, query(req)));
