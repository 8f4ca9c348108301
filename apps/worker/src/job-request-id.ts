// A job runs as part of the portal request that queued it: its payload's request id (JobMeta,
// packages/db/src/kinds.ts) is the current one while it runs, so every log line it writes names that
// request (docs/observability.md).
import { jobRequestId } from "@capstan/db/kinds";
import { withRequestId } from "@capstan/db/request-context";

/** `task`, run with the request id its payload carries (if any) as the current request's. */
export function withJobRequestId<H>(task: (payload: unknown, helpers: H) => Promise<void>): (payload: unknown, helpers: H) => Promise<void> {
  return (payload, helpers) => {
    const requestId = jobRequestId(payload);
    return requestId ? withRequestId(requestId, () => task(payload, helpers)) : task(payload, helpers);
  };
}
