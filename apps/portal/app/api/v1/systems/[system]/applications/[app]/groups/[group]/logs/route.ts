// Text, not JSON: a group's log lines, streamed as they arrive (docs/logs.md), headers at once
// (text-stream.ts). api() answers JSON only, so this GET authenticates and answers refusals with the same
// pieces it uses. The request's signal ends the stream when the client goes, which aborts the cluster
// requests and frees the caller's stream lease.
import { groupLogs } from "@capstan/usecases";
import { logs } from "@/lib/contract";
import { errorResponse, query, type RouteHandler } from "@/lib/server/api";
import { apiContext } from "@/lib/server/context";
import { textResponse } from "@/lib/server/text-stream";

export const dynamic = "force-dynamic";

export const GET: RouteHandler<typeof logs.groupLogs> = Object.assign(
  async (request: Request, route: { params: Promise<Record<string, string>> }) => {
    try {
      const ctx = await apiContext(request);
      const { system = "", app = "", group = "" } = (await route.params) ?? {};
      const stream = await groupLogs(ctx, system, app, group, query(request), request.signal);
      return textResponse(stream);
    } catch (e) {
      return errorResponse(e);
    }
  },
  { route: logs.groupLogs },
);
