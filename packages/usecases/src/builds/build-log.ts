import { BuildLogQuery, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { findBuild } from "./find-build";

/** How often a followed log looks for more, in ms (the worker copies the pod's log about once a second). */
const FOLLOW_POLL_MS = 500;
const ENDED = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

/**
 * A build's log as text (anyone who can read the system). With `follow=true` and the build not ended, a
 * stream of the log so far and then what comes, until the build ends or the reader goes away: the worker
 * copies the builder pod's log into the build while it runs (docs/builds.md), so any portal replica can
 * serve it. After the build, the stored log (its last 256 KiB).
 * @throws DomainError not_found (404), invalid_query (400)
 */
export async function buildLog(ctx: Context, system: string, application: string, id: string, query: unknown): Promise<string | ReadableStream<Uint8Array>> {
  const { follow } = parseInput(BuildLogQuery, query, "query");
  const { build } = await findBuild(ctx.db, ctx.actor, system, application, id);
  if (!follow || ENDED.has(build.status)) return build.log;
  const db = ctx.db;
  const encoder = new TextEncoder();
  let sent = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const tick = async () => {
        try {
          const cur = await db.build.findUnique({ where: { id: build.id }, select: { log: true, status: true } });
          const log = cur?.log ?? "";
          if (log.length < sent) sent = 0; // the kept tail moved past what was sent: start again from it
          if (log.length > sent) controller.enqueue(encoder.encode(log.slice(sent)));
          sent = log.length;
          if (!cur || ENDED.has(cur.status)) return controller.close();
          timer = setTimeout(() => void tick(), FOLLOW_POLL_MS);
        } catch (e) {
          controller.error(e);
        }
      };
      void tick();
    },
    cancel() {
      clearTimeout(timer);
    },
  });
}
