import { changeOwnPassword } from "@capstan/usecases";
import { meta } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const POST = api(meta.changePassword, async (ctx, req) => changeOwnPassword(ctx, await body(req)));
