import { getGroupManifests } from "@capstan/usecases";
import { manifests } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const GET = api(manifests.getGroupManifests, (ctx, _req, p) => getGroupManifests(ctx, p.system, p.app, p.group));
