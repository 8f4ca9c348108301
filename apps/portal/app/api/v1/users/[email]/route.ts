import { updateUser } from "@capstan/usecases";
import { api, decodedParam, body } from "@/lib/server/api";

type P = { email: string };
export const PATCH = api<P>(async (ctx, req, p) => updateUser(ctx, decodedParam(p.email, "email"), await body(req)));
