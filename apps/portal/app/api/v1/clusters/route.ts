import { listClusters, registerCluster } from "@capstan/usecases";
import { fleet } from "@/lib/contract";
import { api, body, created, query } from "@/lib/server/api";

export const GET = api(fleet.listClusters, (ctx, req) => listClusters(ctx, query(req)));
export const POST = api(fleet.registerCluster, async (ctx, req) => {
  const c = await registerCluster(ctx, await body(req));
  return created(c, `/api/v1/clusters/${c.name}`);
});
