// Waiting on the orchestrator from tests and benches (no test runner needed, so benches can use it too).
import { bulkTransitionNodes } from "@capstan/usecases";
import type { World } from "../../../packages/usecases/src/testing/fixtures";

export async function waitFor<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T;
  do {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  } while (Date.now() < until);
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last).slice(0, 2000)}`);
}

/** What ops do with a new cluster: admit its nodes ONLINE once they passed their checks (a running worker needed). */
export async function admitNodes(world: World, count: number, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    "the nodes to pass their checks",
    () => world.db.node.count({ where: { status: "WAIT" } }),
    (n) => n === count,
    timeoutMs,
  );
  await bulkTransitionNodes(world.as.ops, { to: "ONLINE", reason: "Admitted by the test.", filter: { status: "WAIT" } });
  await waitFor(
    "the nodes to be uncordoned",
    () => world.db.nodeTransition.count({ where: { to: "ONLINE", result: "SUCCEEDED" } }),
    (n) => n === count,
    timeoutMs,
  );
}
