import { getSystemManifests } from "@capstan/usecases";
import { manifests } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const GET = api(manifests.getSystemManifests, (ctx, _req, p) => getSystemManifests(ctx, p.system));
