import { getFleetDensity } from "@capstan/usecases";
import { metrics } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const GET = api(metrics.getFleetDensity, (ctx) => getFleetDensity(ctx));
