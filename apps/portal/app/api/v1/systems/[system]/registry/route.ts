import { getSystemRegistry } from "@capstan/usecases";
import { images } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const GET = api(images.getSystemRegistry, (ctx, _req, p) => getSystemRegistry(ctx, p.system));
