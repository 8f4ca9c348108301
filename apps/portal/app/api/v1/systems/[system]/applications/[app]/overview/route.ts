import { getApplicationOverview } from "@capstan/usecases";
import { applications } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const GET = api(applications.getApplicationOverview, (ctx, _req, p) => getApplicationOverview(ctx, p.system, p.app));
