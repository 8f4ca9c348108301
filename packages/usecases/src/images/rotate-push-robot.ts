import { domainError, type PushRobotSecretDto } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { withSecret } from "../secret-result";
import { PULL_ROBOT_NAME } from "./get-system-registry";
import { pushRobotScope } from "./push-robot-access";
import { harborOf, registryFailure, registryHost } from "./registry-of";

/** The robot `name` of the system's project in Harbor, or 404 (Capstan's pull robot counts as absent: it is not people's to change). */
export async function findPushRobot(harbor: ReturnType<typeof harborOf>, project: string, name: string, dataCentre: string) {
  if (name === PULL_ROBOT_NAME) throw domainError("push_robot_not_found", { name, dataCentre });
  let robots;
  try {
    robots = await harbor.listRobots(project);
  } catch (e) {
    throw registryFailure(dataCentre, e);
  }
  const robot = robots.find((r) => r.name === `robot$${project}+${name}`);
  if (!robot) throw domainError("push_robot_not_found", { name, dataCentre });
  return robot;
}

/**
 * Gives a push robot a new secret (Harbor generates it; the old one stops working at once) and answers it
 * once. Developers of the system only; audited without the secret.
 */
export async function rotatePushRobot(ctx: Context, system: string, dataCentre: string, name: string): Promise<PushRobotSecretDto> {
  const { system: s, dc } = await pushRobotScope(ctx, system, dataCentre);
  const harbor = harborOf(dc);
  const robot = await findPushRobot(harbor, s.name, name, dc.name);
  let secret: string;
  try {
    secret = await harbor.refreshRobotSecret(robot.id);
  } catch (e) {
    throw registryFailure(dc.name, e);
  }
  await mutation(ctx, (_tx, audit) =>
    audit({
      action: "registry.robot.rotate",
      targetType: "robot",
      targetId: `${s.name}/${dc.name}/${name}`,
      targetName: robot.name,
      departmentId: s.departmentId,
      systemId: s.id,
      after: { dataCentre: dc.name, name },
    }),
  );
  return withSecret({ dataCentre: dc.name, registry: registryHost(dc), name, username: robot.name, secret });
}
