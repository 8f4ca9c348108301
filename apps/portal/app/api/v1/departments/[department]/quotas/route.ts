import { getDepartmentQuotas } from "@capstan/usecases";
import { api } from "@/lib/server/api";

export const GET = api<{ department: string }>((ctx, _req, p) => getDepartmentQuotas(ctx, p.department));
