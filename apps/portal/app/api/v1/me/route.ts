import { getMe } from "@capstan/usecases";
import { meta } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const GET = api(meta.me, (ctx) => getMe(ctx));
