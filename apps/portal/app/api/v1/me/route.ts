import { getMe } from "@capstan/usecases";
import { api } from "@/lib/server/api";

export const GET = api((ctx) => getMe(ctx));
