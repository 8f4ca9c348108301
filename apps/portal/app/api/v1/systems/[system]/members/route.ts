import { addSystemMember, listSystemMembers } from "@capstan/usecases";
import { systems } from "@/lib/contract";
import { api, body, created, query } from "@/lib/server/api";

export const GET = api(systems.listSystemMembers, async (ctx, req, p) => ({ items: await listSystemMembers(ctx, p.system, query(req)) }));
export const POST = api(systems.addSystemMember, async (ctx, req, p) => {
  const m = await addSystemMember(ctx, p.system, await body(req));
  return created(m, `/api/v1/systems/${p.system}/members/${encodeURIComponent(m.email)}`);
});
