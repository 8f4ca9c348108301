import { createSystem, listSystems } from "@capstan/usecases";
import { systems } from "@/lib/contract";
import { api, body, created, query } from "@/lib/server/api";

export const GET = api(systems.listSystems, (ctx, req) => listSystems(ctx, query(req)));
export const POST = api(systems.createSystem, async (ctx, req) => {
  const s = await createSystem(ctx, await body(req));
  return created(s, `/api/v1/systems/${s.name}`);
});
