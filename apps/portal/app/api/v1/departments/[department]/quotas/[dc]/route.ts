import { getDepartmentQuota, setDepartmentQuota } from "@capstan/usecases";
import { quotas } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const GET = api(quotas.getDepartmentQuota, (ctx, _req, p) => getDepartmentQuota(ctx, p.department, p.dc));
export const PUT = api(quotas.setDepartmentQuota, async (ctx, req, p) => setDepartmentQuota(ctx, p.department, p.dc, await body(req)));
