import { rolloutGroup } from "@capstan/usecases";
import { api, body } from "@/lib/server/api";

type P = { system: string; app: string; group: string };
export const POST = api<P>(async (ctx, req, p) => rolloutGroup(ctx, p.system, p.app, p.group, await body(req)));
