import { createGroup, listGroups } from "@capstan/usecases";
import { api, body, created, query } from "@/lib/server/api";

type P = { system: string; app: string };
export const GET = api<P>((ctx, req, p) => listGroups(ctx, { ...query(req), system: p.system, application: p.app }));
export const POST = api<P>(async (ctx, req, p) => {
  const g = await createGroup(ctx, p.system, p.app, await body(req));
  return created(g, `/api/v1/systems/${p.system}/applications/${p.app}/groups/${g.name}`);
});
