import { deleteCluster, getCluster, updateCluster } from "@capstan/usecases";
import { api, body } from "@/lib/server/api";

type P = { cluster: string };
export const GET = api<P>((ctx, _req, p) => getCluster(ctx, p.cluster));
export const PATCH = api<P>(async (ctx, req, p) => updateCluster(ctx, p.cluster, await body(req)));
export const DELETE = api<P>((ctx, _req, p) => deleteCluster(ctx, p.cluster));
