import { listDataCentres, registerDataCentre } from "@capstan/usecases";
import { fleet } from "@/lib/contract";
import { api, body, created, query } from "@/lib/server/api";

export const GET = api(fleet.listDataCentres, (ctx, req) => listDataCentres(ctx, query(req)));
export const POST = api(fleet.registerDataCentre, async (ctx, req) => {
  const d = await registerDataCentre(ctx, await body(req));
  return created(d, `/api/v1/data-centres/${d.name}`);
});
