import { getLabelPolicy, setLabelPolicy } from "@capstan/usecases";
import { api, body } from "@/lib/server/api";

export const GET = api(async (ctx) => getLabelPolicy(ctx));
export const PUT = api(async (ctx, req) => setLabelPolicy(ctx, await body(req)));
