import { getSystemQuotas } from "@capstan/usecases";
import { quotas } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const GET = api(quotas.getSystemQuotas, (ctx, _req, p) => getSystemQuotas(ctx, p.system));
