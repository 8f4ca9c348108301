import { cancelBuild } from "@capstan/usecases";
import { builds } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const POST = api(builds.cancelBuild, (ctx, req, p) => cancelBuild(ctx, p.system, p.app, p.build));
