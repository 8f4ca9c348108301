import { approveQuotaRequest } from "@capstan/usecases";
import { quotas } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const POST = api(quotas.approveQuotaRequest, async (ctx, req, p) => approveQuotaRequest(ctx, p.id, await body(req)));
