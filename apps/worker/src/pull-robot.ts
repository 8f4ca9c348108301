// The pull-only Harbor robot of a system in one data centre. Harbor reveals a robot's secret once, so
// it is created under a per-(system, data centre) lock and stored sealed before any cluster uses it:
// two clusters of one data centre reconciling the same system at once share one robot.
import type { Db } from "@capstan/db";
import { lockInTransaction } from "@capstan/db/advisory-lock";
import { secrets } from "@capstan/db/secrets";
import type { HarborClient } from "@capstan/orchestrator";

export const PULL_ROBOT_NAME = "capstan-pull";

/** A robot's credentials; `renewed` when this call made a new one in place of one Harbor no longer had. */
export type PullRobot = { username: string; password: string; renewed: boolean };

/**
 * The system's pull robot in this data centre's Harbor (whose project must exist), made on first use.
 * With `verify`, a stored robot that Harbor no longer has (deleted by hand, Harbor reinstalled) is made
 * again and the stored secret replaced; without it, the stored robot is trusted (one Harbor call fewer:
 * the per-data-centre reconcile-project verifies, and a per-cluster reconcile verifies once per worker
 * process and data-centre version, controllers/system/reconcile.ts).
 */
export async function pullRobot(
  db: Db,
  harbor: HarborClient,
  system: { id: string; name: string },
  dataCentreId: string,
  opts: { verify?: boolean } = {},
): Promise<PullRobot> {
  const key = { systemId_dataCentreId: { systemId: system.id, dataCentreId } };
  const known = await db.systemPullRobot.findUnique({ where: key });
  if (known && (!opts.verify || (await harbor.hasRobot(known.robotId, known.robotName))))
    return { username: known.robotName, password: secrets().open(known.secretEnc), renewed: false };
  return db.$transaction(
    async (tx) => {
      await lockInTransaction(tx, "pull-robot", system.id, dataCentreId);
      const raced = await tx.systemPullRobot.findUnique({ where: key });
      // Made, or made again, by another reconcile while this one waited for the lock.
      if (raced && raced.robotId !== known?.robotId) return { username: raced.robotName, password: secrets().open(raced.secretEnc), renewed: false };
      const robot = await harbor.createPullRobot(system.name, PULL_ROBOT_NAME);
      const row = { robotId: robot.id, robotName: robot.name, secretEnc: secrets().seal(robot.secret) };
      await tx.systemPullRobot.upsert({ where: key, create: { systemId: system.id, dataCentreId, ...row }, update: row });
      return { username: robot.name, password: robot.secret, renewed: known !== null };
    },
    { timeout: 30_000 },
  );
}
