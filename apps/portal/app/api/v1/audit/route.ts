import { listAuditEvents } from "@capstan/usecases";
import { users } from "@/lib/contract";
import { api, query } from "@/lib/server/api";

export const GET = api(users.listAuditEvents, (ctx, req) => listAuditEvents(ctx, query(req)));
