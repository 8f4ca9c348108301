import { getDepartmentQuota, setDepartmentQuota } from "@capstan/usecases";
import { api, body } from "@/lib/server/api";

type P = { department: string; dc: string };
export const GET = api<P>((ctx, _req, p) => getDepartmentQuota(ctx, p.department, p.dc));
export const PUT = api<P>(async (ctx, req, p) => setDepartmentQuota(ctx, p.department, p.dc, await body(req)));
