import { getBuild } from "@capstan/usecases";
import { builds } from "@/lib/contract";
import { api } from "@/lib/server/api";

export const GET = api(builds.getBuild, (ctx, req, p) => getBuild(ctx, p.system, p.app, p.build));
