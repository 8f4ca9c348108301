import { listNodes } from "@capstan/usecases";
import { nodes } from "@/lib/contract";
import { api, query } from "@/lib/server/api";

export const GET = api(nodes.listNodes, (ctx, req) => listNodes(ctx, query(req)));
