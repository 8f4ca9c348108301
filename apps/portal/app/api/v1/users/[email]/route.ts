import { updateUser } from "@capstan/usecases";
import { api, body } from "@/lib/server/api";

type P = { email: string };
export const PATCH = api<P>(async (ctx, req, p) => updateUser(ctx, decodeURIComponent(p.email), await body(req)));
