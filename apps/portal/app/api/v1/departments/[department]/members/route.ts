import { addDepartmentMember, listDepartmentMembers } from "@capstan/usecases";
import { departments } from "@/lib/contract";
import { api, body, created, query } from "@/lib/server/api";

export const GET = api(departments.listDepartmentMembers, async (ctx, req, p) => ({ items: await listDepartmentMembers(ctx, p.department, query(req)) }));
export const POST = api(departments.addDepartmentMember, async (ctx, req, p) => {
  const m = await addDepartmentMember(ctx, p.department, await body(req));
  return created(m, `/api/v1/departments/${p.department}/members/${encodeURIComponent(m.email)}`);
});
