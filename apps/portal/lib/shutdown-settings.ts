// Which of the portal's requests are streams, for its drain (lib/graceful-server.ts, server.ts).
import type http from "node:http";

// The log endpoints (docs/logs.md, docs/builds.md): a group's pod logs and a build's log, which stream
// while followed and would not end by themselves.
const LOG_STREAM = /^\/api\/v1\/systems\/[^/]+\/applications\/[^/]+\/(groups|builds)\/[^/]+\/logs\/?$/;

/** Whether a request is one of the portal's long-lived streams (the log endpoints), by method and path. */
export function isLongLivedStream(req: Pick<http.IncomingMessage, "method" | "url">): boolean {
  if (req.method !== "GET" || !req.url) return false;
  return LOG_STREAM.test(req.url.split("?")[0]!);
}
