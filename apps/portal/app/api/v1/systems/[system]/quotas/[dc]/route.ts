import { getSystemQuota, setSystemQuota } from "@capstan/usecases";
import { api, body } from "@/lib/server/api";

type P = { system: string; dc: string };
export const GET = api<P>((ctx, _req, p) => getSystemQuota(ctx, p.system, p.dc));
export const PUT = api<P>(async (ctx, req, p) => setSystemQuota(ctx, p.system, p.dc, await body(req)));
