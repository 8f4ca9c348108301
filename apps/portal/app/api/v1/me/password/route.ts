import { changeOwnPassword } from "@capstan/usecases";
import { api, body } from "@/lib/server/api";

export const POST = api(async (ctx, req) => changeOwnPassword(ctx, await body(req)));
