import { createUser, listUsers } from "@capstan/usecases";
import { api, body, created, query } from "@/lib/server/api";

export const GET = api((ctx, req) => listUsers(ctx, query(req)));
export const POST = api(async (ctx, req) => {
  const u = await createUser(ctx, await body(req));
  return created(u, `/api/v1/users/${encodeURIComponent(u.email)}`);
});
