import { listImageTags } from "@capstan/usecases";
import { api, query } from "@/lib/server/api";

type P = { system: string; app: string };
export const GET = api<P>((ctx, req, p) => listImageTags(ctx, p.system, p.app, query(req).dataCentre ?? ""));
