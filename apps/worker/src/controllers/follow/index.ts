// The follow controller: once a build has ended, the groups that follow its branch are copied to and rolled
// out (or told why not) by followBuild (packages/usecases/src/groups/follow-build.ts). Requested by the build
// controller in the transaction that ends the build; the resync re-requests ended builds not yet followed.
import { kinds } from "@capstan/db/kinds";
import { followBuild } from "@capstan/usecases/internal";
import { defineController } from "../controller";

export const followController = defineController({
  kind: kinds.follow,
  // Spans registries and the database only (the group controller applies the rollouts): no cluster lease.
  listDesired: async (db) =>
    (await db.build.findMany({ where: { status: { in: ["SUCCEEDED", "FAILED"] }, followedAt: null }, select: { id: true } })).map((b) => ({ buildId: b.id })),
  reconcile: async (db, p) => void (await followBuild(db, p.buildId)),
});
