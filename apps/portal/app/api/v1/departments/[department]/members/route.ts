import { addDepartmentMember, listDepartmentMembers } from "@capstan/usecases";
import { api, body, created } from "@/lib/server/api";

type P = { department: string };
export const GET = api<P>(async (ctx, _req, p) => ({ items: await listDepartmentMembers(ctx, p.department) }));
export const POST = api<P>(async (ctx, req, p) => {
  const m = await addDepartmentMember(ctx, p.department, await body(req));
  return created(m, `/api/v1/departments/${p.department}/members/${encodeURIComponent(m.email)}`);
});
