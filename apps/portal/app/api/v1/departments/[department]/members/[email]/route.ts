import { removeDepartmentMember, setDepartmentMemberRole } from "@capstan/usecases";
import { api, decodedParam, body } from "@/lib/server/api";

type P = { department: string; email: string };
export const PUT = api<P>(async (ctx, req, p) => setDepartmentMemberRole(ctx, p.department, decodedParam(p.email, "email"), await body(req)));
export const DELETE = api<P>((ctx, _req, p) => removeDepartmentMember(ctx, p.department, decodedParam(p.email, "email")));
