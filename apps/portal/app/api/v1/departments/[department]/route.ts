import { deleteDepartment, getDepartment, updateDepartment } from "@capstan/usecases";
import { api, body } from "@/lib/server/api";

type P = { department: string };
export const GET = api<P>((ctx, _req, p) => getDepartment(ctx, p.department));
export const PATCH = api<P>(async (ctx, req, p) => updateDepartment(ctx, p.department, await body(req)));
export const DELETE = api<P>((ctx, _req, p) => deleteDepartment(ctx, p.department));
