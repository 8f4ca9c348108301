// The build controller: an application's image build as a Job in a data centre's cluster (./reconcile.ts).
import { kinds } from "@capstan/db/kinds";
import { defineController } from "../controller";
import { reconcileBuild } from "./reconcile";

export const buildController = defineController({
  kind: kinds.build,
  // Spans the data centre's Harbor and one cluster, and waits for a pod: no cluster lease (the job's deadline bounds it).
  // Builds not ended are re-requested, so a worker that died mid-watch is replaced; ended ones are cleaned up once.
  listDesired: async (db) =>
    (await db.build.findMany({ where: { OR: [{ status: { in: ["QUEUED", "RUNNING"] } }, { jobName: { not: null } }] }, select: { id: true } })).map((b) => ({
      buildId: b.id,
    })),
  reconcile: reconcileBuild,
});
