import { approveQuotaRequest } from "@capstan/usecases";
import { api, body } from "@/lib/server/api";

export const POST = api<{ id: string }>(async (ctx, req, p) => approveQuotaRequest(ctx, p.id, await body(req)));
