import { promoteImage } from "@capstan/usecases";
import { images } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const POST = api(images.promoteImage, async (ctx, req, p) => promoteImage(ctx, p.system, p.app, await body(req)));
