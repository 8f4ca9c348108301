import { getNodeBulkTransition } from "@capstan/usecases";
import { nodes } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const GET = api(nodes.getNodeBulkTransition, (ctx, _req, p) => getNodeBulkTransition(ctx, p.id));
