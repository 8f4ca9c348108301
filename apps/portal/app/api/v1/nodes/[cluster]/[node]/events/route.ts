import { listNodeEvents } from "@capstan/usecases";
import { events } from "@/lib/contract";
import { api, query } from "@/lib/server/api";

export const GET = api(events.listNodeEvents, (ctx, req, p) => listNodeEvents(ctx, p.cluster, p.node, query(req)));
