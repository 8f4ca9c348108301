import { getSystemQuota, setSystemQuota } from "@capstan/usecases";
import { quotas } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const GET = api(quotas.getSystemQuota, (ctx, _req, p) => getSystemQuota(ctx, p.system, p.dc));
export const PUT = api(quotas.setSystemQuota, async (ctx, req, p) => setSystemQuota(ctx, p.system, p.dc, await body(req)));
