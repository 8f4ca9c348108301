import { listImageTags } from "@capstan/usecases";
import { applications } from "@/lib/contract";
import { api, query } from "@/lib/server/api";

export const GET = api(applications.listImageTags, (ctx, req, p) => listImageTags(ctx, p.system, p.app, query(req).dataCentre ?? ""));
