import { domainError, parseInput, PushRobotCreate, type PushRobotSecretDto } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { withSecret } from "../secret-result";
import { pushRobotScope } from "./push-robot-access";
import { harborOf, registryFailure, registryHost } from "./registry-of";

/**
 * Makes a push robot in the system's Harbor project of one data centre: it may push to and pull from
 * that project only, and never expires. Developers of the system only. The secret is in this answer
 * only (marked so no cache keeps it); Capstan neither stores nor logs it. The project is made first if
 * the project controller has not yet done so. 409 when a robot of that name exists there.
 */
export async function createPushRobot(ctx: Context, system: string, input: unknown): Promise<PushRobotSecretDto> {
  const data = parseInput(PushRobotCreate, input);
  const { system: s, dc } = await pushRobotScope(ctx, system, data.dataCentre);
  const harbor = harborOf(dc);
  let robot;
  try {
    await harbor.ensureProject(s.name);
    robot = await harbor.createPushRobot(s.name, data.name, `Capstan: push robot made by ${ctx.actor.email}`);
  } catch (e) {
    throw registryFailure(dc.name, e);
  }
  if (!robot) throw domainError("push_robot_exists", { name: data.name, dataCentre: dc.name });
  const dto = { dataCentre: dc.name, registry: registryHost(dc), name: data.name, username: robot.name, secret: robot.secret };
  await mutation(ctx, (_tx, audit) =>
    audit({
      action: "registry.robot.create",
      targetType: "robot",
      targetId: `${s.name}/${dc.name}/${data.name}`,
      targetName: robot.name,
      departmentId: s.departmentId,
      systemId: s.id,
      after: { dataCentre: dc.name, name: data.name, permissions: ["repository:push", "repository:pull"] },
    }),
  );
  return withSecret(dto);
}
