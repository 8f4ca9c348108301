import { getNodeBulkTransition } from "@capstan/usecases";
import { api } from "@/lib/server/api";

export const GET = api<{ id: string }>((ctx, _req, p) => getNodeBulkTransition(ctx, p.id));
