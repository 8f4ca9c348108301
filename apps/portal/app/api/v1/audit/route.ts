import { listAuditEvents } from "@capstan/usecases";
import { api, query } from "@/lib/server/api";

export const GET = api((ctx, req) => listAuditEvents(ctx, query(req)));
