import { createDepartment, listDepartments } from "@capstan/usecases";
import { departments } from "@/lib/contract";
import { api, body, created, query } from "@/lib/server/api";

export const GET = api(departments.listDepartments, (ctx, req) => listDepartments(ctx, query(req)));
export const POST = api(departments.createDepartment, async (ctx, req) => {
  const d = await createDepartment(ctx, await body(req));
  return created(d, `/api/v1/departments/${d.name}`);
});
