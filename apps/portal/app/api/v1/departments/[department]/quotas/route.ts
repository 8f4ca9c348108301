import { getDepartmentQuotas } from "@capstan/usecases";
import { quotas } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const GET = api(quotas.getDepartmentQuotas, (ctx, _req, p) => getDepartmentQuotas(ctx, p.department));
