import { getNotificationTarget, setNotificationTarget } from "@capstan/usecases";
import { notifications } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const GET = api(notifications.getDepartmentNotificationTarget, (ctx, _req, p) => getNotificationTarget(ctx, { department: p.department }));
export const PUT = api(notifications.setDepartmentNotificationTarget, async (ctx, req, p) =>
  setNotificationTarget(ctx, { department: p.department }, await body(req)),
);
