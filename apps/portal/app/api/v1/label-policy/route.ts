import { getLabelPolicy, setLabelPolicy } from "@capstan/usecases";
import { nodes } from "@/lib/contract";
import { api, body } from "@/lib/server/api";

export const GET = api(nodes.getLabelPolicy, async (ctx) => getLabelPolicy(ctx));
export const PUT = api(nodes.setLabelPolicy, async (ctx, req) => setLabelPolicy(ctx, await body(req)));
