import { deleteCluster, getCluster, updateCluster } from "@capstan/usecases";
import { fleet } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const GET = api(fleet.getCluster, (ctx, _req, p) => getCluster(ctx, p.cluster));
export const PATCH = api(fleet.updateCluster, async (ctx, req, p) => updateCluster(ctx, p.cluster, await body(req)));
export const DELETE = api(fleet.deleteCluster, (ctx, _req, p) => deleteCluster(ctx, p.cluster));
