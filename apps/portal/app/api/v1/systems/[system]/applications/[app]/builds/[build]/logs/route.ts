// Text, not JSON: the stored log, or (follow=true, while the build runs) a stream of it whose headers go
// out at once (text-stream.ts). api() answers JSON only, so this GET authenticates and answers refusals with the same pieces it uses.
import { buildLog } from "@capstan/usecases";
import { builds } from "@/lib/contract";
import { errorResponse, query, type RouteHandler } from "@/lib/server/api";
import { apiContext } from "@/lib/server/context";
import { textResponse } from "@/lib/server/text-stream";

export const dynamic = "force-dynamic";

export const GET: RouteHandler<typeof builds.buildLog> = Object.assign(
  async (request: Request, route: { params: Promise<Record<string, string>> }) => {
    try {
      const ctx = await apiContext(request);
      const { system = "", app = "", build = "" } = (await route.params) ?? {};
      const log = await buildLog(ctx, system, app, build, query(request));
      return textResponse(log);
    } catch (e) {
      return errorResponse(e);
    }
  },
  { route: builds.buildLog },
);
