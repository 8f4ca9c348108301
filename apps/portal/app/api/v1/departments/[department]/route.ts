import { deleteDepartment, getDepartment, updateDepartment } from "@capstan/usecases";
import { departments } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const GET = api(departments.getDepartment, (ctx, _req, p) => getDepartment(ctx, p.department));
export const PATCH = api(departments.updateDepartment, async (ctx, req, p) => updateDepartment(ctx, p.department, await body(req)));
export const DELETE = api(departments.deleteDepartment, (ctx, _req, p) => deleteDepartment(ctx, p.department));
