import { getFleetOverview } from "@capstan/usecases";
import { nodes } from "@/lib/contract";
import { api } from "@/lib/server/api";

// A static segment: Next matches it before /nodes/{cluster}/{node}, which needs two segments anyway.
export const GET = api(nodes.fleetOverview, (ctx) => getFleetOverview(ctx));
