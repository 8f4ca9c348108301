import { getFleetOverview } from "@capstan/usecases";
import { api } from "@/lib/server/api";

// A static segment: Next matches it before /nodes/{cluster}/{node}, which needs two segments anyway.
export const GET = api((ctx) => getFleetOverview(ctx));
