import { previewPlacement } from "@capstan/usecases";
import { api, body } from "@/lib/server/api";

export const POST = api<{ system: string }>(async (ctx, req, p) => previewPlacement(ctx, p.system, await body(req)));
