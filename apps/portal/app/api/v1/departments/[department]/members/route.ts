import { addDepartmentMember, listDepartmentMembers } from "@capstan/usecases";
import { api, body, created, query } from "@/lib/server/api";

type P = { department: string };
export const GET = api<P>(async (ctx, req, p) => ({ items: await listDepartmentMembers(ctx, p.department, query(req)) }));
export const POST = api<P>(async (ctx, req, p) => {
  const m = await addDepartmentMember(ctx, p.department, await body(req));
  return created(m, `/api/v1/departments/${p.department}/members/${encodeURIComponent(m.email)}`);
});
