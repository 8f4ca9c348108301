import { listGroupRevisions } from "@capstan/usecases";
import { groups } from "@/lib/contract";
import { api, query } from "@/lib/server/api";

export const GET = api(groups.listGroupRevisions, (ctx, req, p) => listGroupRevisions(ctx, p.system, p.app, p.group, query(req)));
