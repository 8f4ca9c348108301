import { listGroupEvents } from "@capstan/usecases";
import { events } from "@/lib/contract";
import { api, query } from "@/lib/server/api";

export const GET = api(events.listGroupEvents, (ctx, req, p) => listGroupEvents(ctx, p.system, p.app, p.group, query(req)));
