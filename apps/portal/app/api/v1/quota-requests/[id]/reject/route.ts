import { rejectQuotaRequest } from "@capstan/usecases";
import { api, body } from "@/lib/server/api";

export const POST = api<{ id: string }>(async (ctx, req, p) => rejectQuotaRequest(ctx, p.id, await body(req)));
