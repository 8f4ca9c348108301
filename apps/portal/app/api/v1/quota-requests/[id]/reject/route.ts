import { rejectQuotaRequest } from "@capstan/usecases";
import { quotas } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const POST = api(quotas.rejectQuotaRequest, async (ctx, req, p) => rejectQuotaRequest(ctx, p.id, await body(req)));
