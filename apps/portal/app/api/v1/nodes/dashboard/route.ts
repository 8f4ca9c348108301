import { getOpsDashboard } from "@capstan/usecases";
import { nodes } from "@/lib/contract";
import { api } from "@/lib/server/api";

// A static segment, as /nodes/overview: Next matches it before /nodes/{cluster}/{node}.
export const GET = api(nodes.opsDashboard, (ctx) => getOpsDashboard(ctx));
