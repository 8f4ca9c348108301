import { getNode } from "@capstan/usecases";
import { api } from "@/lib/server/api";

export const GET = api<{ cluster: string; node: string }>((ctx, _req, p) => getNode(ctx, p.cluster, p.node));
