import { restartGroup } from "@capstan/usecases";
import { groups } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const POST = api(groups.restartGroup, (ctx, _req, p) => restartGroup(ctx, p.system, p.app, p.group));
