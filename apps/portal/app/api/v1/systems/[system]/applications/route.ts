import { createApplication, listApplications } from "@capstan/usecases";
import { api, body, created, query } from "@/lib/server/api";

type P = { system: string };
export const GET = api<P>((ctx, req, p) => listApplications(ctx, { ...query(req), system: p.system }));
export const POST = api<P>(async (ctx, req, p) => {
  const a = await createApplication(ctx, p.system, await body(req));
  return created(a, `/api/v1/systems/${p.system}/applications/${a.name}`);
});
