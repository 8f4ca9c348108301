import { previewPlacement } from "@capstan/usecases";
import { groups } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const POST = api(groups.previewPlacement, async (ctx, req, p) => previewPlacement(ctx, p.system, await body(req)));
