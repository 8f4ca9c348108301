// The project controller: a system's Harbor project and pull robot in one data centre (./reconcile.ts).
import { kinds } from "@capstan/db/kinds";
import { defineController } from "../controller";
import { reconcileProject } from "./reconcile";

export const projectController = defineController({
  kind: kinds.project,
  // A data centre's Harbor, not a cluster: no cluster lease or slot; the job's deadline bounds it.
  // Wanted wherever a system (not being deleted) has a quota.
  listDesired: (db) => db.systemQuota.findMany({ where: { system: { deletionRequestedAt: null } }, select: { systemId: true, dataCentreId: true } }),
  reconcile: reconcileProject,
  // On the system page, per data centre.
  status: { table: "SystemProjectStatus", row: (p) => ({ systemId: p.systemId, dataCentreId: p.dataCentreId }), ownTable: true },
});
