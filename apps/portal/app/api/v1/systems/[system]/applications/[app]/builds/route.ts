import { createBuild, listBuilds } from "@capstan/usecases";
import { builds } from "@/lib/contract";
import { accepted, api, body, query } from "@/lib/server/api";

export const GET = api(builds.listBuilds, (ctx, req, p) => listBuilds(ctx, p.system, p.app, query(req)));
export const POST = api(builds.createBuild, async (ctx, req, p) => {
  const b = await createBuild(ctx, p.system, p.app, await body(req));
  return accepted(b, `/api/v1/systems/${p.system}/applications/${p.app}/builds/${b.id}`);
});
