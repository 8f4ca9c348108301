import { listGroupRevisions } from "@capstan/usecases";
import { api, query } from "@/lib/server/api";

type P = { system: string; app: string; group: string };
export const GET = api<P>((ctx, req, p) => listGroupRevisions(ctx, p.system, p.app, p.group, query(req)));
