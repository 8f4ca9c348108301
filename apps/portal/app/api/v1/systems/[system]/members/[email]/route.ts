import { removeSystemMember } from "@capstan/usecases";
import { api, decodedParam } from "@/lib/server/api";

type P = { system: string; email: string };
export const DELETE = api<P>((ctx, _req, p) => removeSystemMember(ctx, p.system, decodedParam(p.email, "email")));
