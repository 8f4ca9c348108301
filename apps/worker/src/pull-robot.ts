// The pull-only Harbor robot of a system in one data centre. Harbor reveals a robot's secret once, so
// it is created under a per-(system, data centre) lock and stored sealed before any cluster uses it:
// two clusters of one data centre reconciling the same system at once share one robot.
import type { Db } from "@capstan/db";
import { secrets } from "@capstan/db/secrets";
import type { HarborClient } from "@capstan/orchestrator";

export const PULL_ROBOT_NAME = "capstan-pull";

export async function pullRobot(db: Db, harbor: HarborClient, system: { id: string; name: string }, dataCentreId: string): Promise<{ username: string; password: string }> {
  const key = { systemId_dataCentreId: { systemId: system.id, dataCentreId } };
  const known = await db.systemPullRobot.findUnique({ where: key });
  if (known) return { username: known.robotName, password: secrets().open(known.secretEnc) };
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('capstan.pull-robot'), hashtext(${system.id + dataCentreId}))`;
      const raced = await tx.systemPullRobot.findUnique({ where: key });
      if (raced) return { username: raced.robotName, password: secrets().open(raced.secretEnc) };
      const robot = await harbor.createPullRobot(system.name, PULL_ROBOT_NAME);
      await tx.systemPullRobot.create({ data: { systemId: system.id, dataCentreId, robotId: robot.id, robotName: robot.name, secretEnc: secrets().seal(robot.secret) } });
      return { username: robot.name, password: robot.secret };
    },
    { timeout: 30_000 },
  );
}
