import { revokeApiToken } from "@capstan/usecases";
import { users } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const DELETE = api(users.revokeToken, (ctx, _req, p) => revokeApiToken(ctx, p.id));
