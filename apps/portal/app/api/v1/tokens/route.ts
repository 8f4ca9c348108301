import { createApiToken, listApiTokens } from "@capstan/usecases";
import { users } from "@/lib/contract";
import { api, body, created, query } from "@/lib/server/api";

export const GET = api(users.listTokens, async (ctx, req) => ({ items: await listApiTokens(ctx, query(req)) }));
export const POST = api(users.createToken, async (ctx, req) => {
  const t = await createApiToken(ctx, await body(req));
  return created(t, `/api/v1/tokens/${t.id}`);
});
