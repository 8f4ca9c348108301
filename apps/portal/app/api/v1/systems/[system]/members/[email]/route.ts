import { removeSystemMember } from "@capstan/usecases";
import { systems } from "@/lib/contract";
import { api, decodedParam } from "@/lib/server/api";

export const DELETE = api(systems.removeSystemMember, (ctx, _req, p) => removeSystemMember(ctx, p.system, decodedParam(p.email, "email")));
