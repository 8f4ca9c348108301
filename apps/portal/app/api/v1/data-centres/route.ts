import { listDataCentres, registerDataCentre } from "@capstan/usecases";
import { api, body, created, query } from "@/lib/server/api";

export const GET = api((ctx, req) => listDataCentres(ctx, query(req)));
export const POST = api(async (ctx, req) => {
  const d = await registerDataCentre(ctx, await body(req));
  return created(d, `/api/v1/data-centres/${d.name}`);
});
