import { updateUser } from "@capstan/usecases";
import { users } from "@/lib/contract";
import { api, decodedParam, body } from "@/lib/server/api";

export const PATCH = api(users.updateUser, async (ctx, req, p) => updateUser(ctx, decodedParam(p.email, "email"), await body(req)));
