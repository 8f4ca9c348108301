import { listImages } from "@capstan/usecases";
import { images } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const GET = api(images.listImages, (ctx, _req, p) => listImages(ctx, p.system, p.app));
