import { createUser, listUsers } from "@capstan/usecases";
import { users } from "@/lib/contract";
import { api, body, created, query } from "@/lib/server/api";

export const GET = api(users.listUsers, (ctx, req) => listUsers(ctx, query(req)));
export const POST = api(users.createUser, async (ctx, req) => {
  const u = await createUser(ctx, await body(req));
  return created(u, `/api/v1/users/${encodeURIComponent(u.email)}`);
});
