import { deleteImageTag } from "@capstan/usecases";
import { images } from "@/lib/contract";
import { api, query } from "@/lib/server/api";

export const DELETE = api(images.deleteImageTag, (ctx, req, p) => deleteImageTag(ctx, p.system, p.app, p.tag, query(req).dataCentre ?? ""));
