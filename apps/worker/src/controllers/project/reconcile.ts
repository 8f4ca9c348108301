// Level-triggered: a system's Harbor project and pull-only robot in one data centre's Harbor. They are
// wanted as soon as the system has a quota in that data centre (or groups there), not when its first
// group is deployed: a first group needs an image, and the image needs the project to be pushed to.
// Runs per (system, data centre), with no cluster lock, so a data centre with no cluster yet, or a
// cluster that is down, does not hold up pushes. Idempotent.
import type { Db } from "@capstan/db";
import { reconcile } from "@capstan/db/kinds";
import { secrets } from "@capstan/db/secrets";
import { reservedSystemName } from "@capstan/domain";
import { HarborClient } from "@capstan/orchestrator";
import { type PullRobot, pullRobot } from "../../pull-robot";

type DataCentre = { id: string; harborUrl: string; harborUsername: string; harborPasswordEnc: Uint8Array };

/** The data centre's Harbor, as Capstan's admin account. */
export const harborOf = (dc: DataCentre) => new HarborClient(dc.harborUrl, dc.harborUsername, secrets().open(dc.harborPasswordEnc));

/** Creates the system's (private) project if it is missing, then resolves to its pull robot (see pullRobot). */
export async function registryInPlace(
  db: Db,
  harbor: HarborClient,
  system: { id: string; name: string },
  dataCentreId: string,
  opts: { verify?: boolean } = {},
): Promise<PullRobot> {
  await harbor.ensureProject(system.name);
  return pullRobot(db, harbor, system, dataCentreId, opts);
}

/**
 * Puts the project and robot of one system in one data centre's Harbor in place, when the system (not
 * being deleted) has a quota or groups there; otherwise does nothing (a project is never deleted here:
 * it may hold images, which only delete-system or people remove). A robot Harbor lost is made again,
 * and then every cluster of the data centre is asked to reconcile the system, so its pull Secret
 * carries the new secret.
 */
export async function reconcileProject(db: Db, { systemId, dataCentreId }: { systemId: string; dataCentreId: string }): Promise<void> {
  const [system, dc] = await Promise.all([
    db.system.findUnique({ where: { id: systemId } }),
    db.dataCentre.findUnique({ where: { id: dataCentreId }, include: { clusters: { select: { id: true } } } }),
  ]);
  if (!system || system.deletionRequestedAt || !dc) return;
  // A system named before reserved names were refused (library: Harbor's own public project) is not given
  // that project: Capstan would take it over. Its groups say why (reconcile-system).
  if (reservedSystemName(system.name)) return;
  const [quota, groups] = await Promise.all([
    db.systemQuota.count({ where: { systemId, dataCentreId } }),
    db.group.count({ where: { dataCentreId, application: { systemId } } }),
  ]);
  if (quota + groups === 0) return;
  const robot = await registryInPlace(db, harborOf(dc), system, dc.id, { verify: true });
  if (robot.renewed)
    await reconcile.systems(
      db,
      dc.clusters.map((c) => ({ systemId, clusterId: c.id })),
    );
}
