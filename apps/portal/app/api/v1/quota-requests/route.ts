import { createQuotaRequest, listQuotaRequests } from "@capstan/usecases";
import { quotas } from "@/lib/contract";
import { api, body, created, query } from "@/lib/server/api";

export const GET = api(quotas.listQuotaRequests, (ctx, req) => listQuotaRequests(ctx, query(req)));
export const POST = api(quotas.createQuotaRequest, async (ctx, req) => {
  const r = await createQuotaRequest(ctx, await body(req));
  return created(r, `/api/v1/quota-requests/${r.id}`);
});
