import { listNodes } from "@capstan/usecases";
import { api, query } from "@/lib/server/api";

export const GET = api((ctx, req) => listNodes(ctx, query(req)));
