import { removeDepartmentMember, setDepartmentMemberRole } from "@capstan/usecases";
import { departments } from "@/lib/contract";
import { api, decodedParam, body } from "@/lib/server/api";

export const PUT = api(departments.setDepartmentMemberRole, async (ctx, req, p) =>
  setDepartmentMemberRole(ctx, p.department, decodedParam(p.email, "email"), await body(req)),
);
export const DELETE = api(departments.removeDepartmentMember, (ctx, _req, p) => removeDepartmentMember(ctx, p.department, decodedParam(p.email, "email")));
