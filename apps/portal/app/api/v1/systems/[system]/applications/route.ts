import { createApplication, listApplications } from "@capstan/usecases";
import { applications } from "@/lib/contract";
import { api, body, created, query } from "@/lib/server/api";

export const GET = api(applications.listApplications, (ctx, req, p) => listApplications(ctx, { ...query(req), system: p.system }));
export const POST = api(applications.createApplication, async (ctx, req, p) => {
  const a = await createApplication(ctx, p.system, await body(req));
  return created(a, `/api/v1/systems/${p.system}/applications/${a.name}`);
});
