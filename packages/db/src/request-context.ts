// The request a piece of work was done for (docs/observability.md): the portal's api() runs each request
// inside `withRequestId`, and a job queued while it runs (kinds.ts) carries the id, so the worker's log line
// for that job names the request that caused it.
import { AsyncLocalStorage } from "node:async_hooks";

// One store per process even if a bundler evaluates this module more than once (Next.js route bundles).
const key = Symbol.for("capstan.request-context");
const holder = globalThis as unknown as { [key]?: AsyncLocalStorage<{ requestId: string }> };
const storage = (holder[key] ??= new AsyncLocalStorage<{ requestId: string }>());

/** Runs `fn` with `requestId` as the current request's id (for everything it awaits, too). */
export const withRequestId = <T>(requestId: string, fn: () => T): T => storage.run({ requestId }, fn);

/** The id of the request this code runs for, if any (none in the worker's own work, e.g. a resync). */
export const currentRequestId = (): string | undefined => storage.getStore()?.requestId;
