import { createGroup, listGroups } from "@capstan/usecases";
import { groups } from "@/lib/contract";
import { api, body, created, query } from "@/lib/server/api";

export const GET = api(groups.listGroups, (ctx, req, p) => listGroups(ctx, { ...query(req), system: p.system, application: p.app }));
export const POST = api(groups.createGroup, async (ctx, req, p) => {
  const g = await createGroup(ctx, p.system, p.app, await body(req));
  return created(g, `/api/v1/systems/${p.system}/applications/${p.app}/groups/${g.name}`);
});
