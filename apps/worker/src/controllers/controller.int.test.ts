// The controller framework against a real PostgreSQL and graphile-worker: payloads are checked against
// their kind's schema, failures are recorded on the object (reason, message, time, attempts),
// observedGeneration moves only on success, and the resync re-requests what each controller lists.
import { kinds, reconcile } from "@capstan/db/kinds";
import { createLogger, initChecksFromEnv } from "@capstan/domain";
import { DeadlineError } from "@capstan/orchestrator";
import { createGroup, getGroup } from "@capstan/usecases";
import { Logger, runOnce } from "graphile-worker";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../../tests/database";
import { buildWorld, withDataCentre, type World } from "../../../../packages/usecases/src/testing/fixtures";
import { ClusterLeases } from "../cluster-lock";
import { ClusterSlots } from "../job-limits";
import { resync } from "../resync";
import { type Applied, defineController, type Runtime } from "./controller";
import { groupStatus } from "./group/status";
import { controllers } from "./index";

let world: World;
let url: string;
let pool: pg.Pool;
let runtime: Runtime;
const logged: string[] = [];

beforeAll(async () => {
  const t = await testDatabase();
  url = t.url;
  world = await buildWorld(t.db);
  await withDataCentre(world);
  pool = new pg.Pool({ connectionString: url, max: 2 });
  runtime = {
    db: world.db,
    leases: new ClusterLeases(pool),
    slots: new ClusterSlots(2),
    timeoutMs: 10_000,
    log: (m) => logged.push(m),
    logger: createLogger({ name: "worker", format: "text", level: "debug", write: (l) => logged.push(l) }),
  };
});
afterAll(() => pool.end());

const clearJobs = () => world.db.$queryRaw`SELECT graphile_worker.remove_job(key) FROM graphile_worker.jobs`;
const jobs = async () =>
  (await world.db.$queryRaw<{ task: string; key: string }[]>`SELECT task_identifier AS task, key FROM graphile_worker.jobs ORDER BY task_identifier, key`).map(
    (j) => `${j.task} ${j.key}`,
  );

/** A group controller whose reconcile does what the test says, with the group's real status writer. */
function probe(outcome: (generation: number) => Promise<Applied>) {
  const calls: string[] = [];
  const controller = defineController({
    kind: kinds.group,
    lease: (p) => p.clusterId,
    reconcile: async (db, p) => {
      calls.push(p.groupId);
      const g = await db.group.findUniqueOrThrow({ where: { id: p.groupId } });
      return outcome(g.generation);
    },
    status: groupStatus,
  });
  const runJobs = () => runOnce({ connectionString: url, logger: new Logger(() => () => {}), taskList: { [controller.task]: controller.taskFor(runtime) } });
  return { calls, runJobs };
}

describe("the controller framework", () => {
  it("drops a job whose payload its kind's schema refuses, without reconciling, and says why", async () => {
    await clearJobs();
    const { calls, runJobs } = probe(async (generation) => ({ generation }));
    await world.db.$executeRaw`SELECT graphile_worker.add_job('reconcile-group', '{"groupId": "", "clusterId": "c"}'::json, job_key := 'group:bad')`;
    await runJobs();
    expect(calls).toEqual([]);
    expect(await jobs()).toEqual([]); // not retried: no attempt can make it valid
    expect(logged.join("\n")).toMatch(/reconcile-group group:bad: dropped, its payload is invalid: groupId: /);
  });

  it("records each failure on the object, and moves observedGeneration only on success", async () => {
    await clearJobs();
    const g = await createGroup(world.as.developer, "shop", "storefront", {
      name: "web",
      dataCentre: "dc1",
      imageTag: "1.0",
      replicas: 1,
      cpu: "100m",
      memory: "128Mi",
    });
    const row = () => world.db.group.findFirstOrThrow({ where: { name: g.name } });
    let fail = true;
    const { calls, runJobs } = probe(async (generation) => {
      if (fail) throw new DeadlineError("PATCH /apis/apps/v1/namespaces/shop/deployments/storefront-web", 1000);
      return { generation };
    });
    const ref = await row();
    await clearJobs(); // its system's reconcile, which this test does not run
    await reconcile.group(world.db, ref);
    await runJobs();
    const once = await row();
    expect(once).toMatchObject({
      observedGeneration: 0,
      failedAttempts: 1,
      lastErrorReason: "DeadlineExceeded",
      lastError: "PATCH /apis/apps/v1/namespaces/shop/deployments/storefront-web: no answer within 1 s",
    });
    expect(once.lastErrorAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await jobs()).toEqual([`reconcile-group group:${ref.id}`]); // queued again, with backoff
    // What any reader of the group sees.
    expect(await getGroup(world.as.viewer, "shop", "storefront", "web")).toMatchObject({
      lastErrorReason: "DeadlineExceeded",
      failedAttempts: 1,
      lastErrorAt: once.lastErrorAt!.toISOString(),
      lastError: once.lastError,
    });

    await reconcile.group(world.db, ref); // a new request runs it at once
    await runJobs();
    expect(await row()).toMatchObject({ observedGeneration: 0, failedAttempts: 2, lastErrorReason: "DeadlineExceeded" });

    fail = false;
    await reconcile.group(world.db, ref);
    await runJobs();
    expect(await row()).toMatchObject({ observedGeneration: 1, failedAttempts: 0, lastError: null, lastErrorReason: null, lastErrorAt: null });

    // A newer generation that fails leaves observedGeneration where the last success put it.
    await world.db.group.update({ where: { id: ref.id }, data: { generation: 2 } });
    fail = true;
    await reconcile.group(world.db, ref);
    await runJobs();
    expect(await row()).toMatchObject({ generation: 2, observedGeneration: 1, failedAttempts: 1 });
    expect(calls).toHaveLength(4);
  });

  it("has the resync re-request, in one go, what each controller lists as desired", async () => {
    await clearJobs();
    const [shop, ledger] = await Promise.all(["shop", "ledger"].map((name) => world.db.system.findUniqueOrThrow({ where: { name } })));
    const [dc, cluster, group] = await Promise.all([
      world.db.dataCentre.findFirstOrThrow(),
      world.db.cluster.findFirstOrThrow(),
      world.db.group.findFirstOrThrow(),
    ]);
    await world.db.system.update({ where: { id: ledger!.id }, data: { deletionRequestedAt: new Date() } });
    await resync(
      world.db,
      controllers(async () => initChecksFromEnv({})),
    );
    expect(await jobs()).toEqual([
      `delete-system delete-system:${ledger!.id}`,
      `prune-namespaces namespaces:${cluster.id}`,
      `reconcile-group group:${group.id}`,
      `reconcile-project project:${shop!.id}:${dc.id}`,
      `reconcile-system system:${shop!.id}:${cluster.id}`,
    ]);
  });
});
