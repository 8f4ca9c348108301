import { revokeApiToken } from "@capstan/usecases";
import { api } from "@/lib/server/api";

type P = { id: string };
export const DELETE = api<P>((ctx, _req, p) => revokeApiToken(ctx, p.id));
