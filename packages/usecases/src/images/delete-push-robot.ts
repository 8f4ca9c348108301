import type { Context } from "../context";
import { mutation } from "../mutation";
import { pushRobotScope } from "./push-robot-access";
import { harborOf, registryFailure } from "./registry-of";
import { findPushRobot } from "./rotate-push-robot";

/** Deletes a push robot from the system's project in one data centre: its secret stops working at once. Developers of the system only; audited. */
export async function deletePushRobot(ctx: Context, system: string, dataCentre: string, name: string): Promise<void> {
  const { system: s, dc } = await pushRobotScope(ctx, system, dataCentre);
  const harbor = harborOf(dc);
  const robot = await findPushRobot(harbor, s.name, name, dc.name);
  try {
    await harbor.deleteRobot(robot.name);
  } catch (e) {
    throw registryFailure(dc.name, e);
  }
  await mutation(ctx, (_tx, audit) =>
    audit({
      action: "registry.robot.delete",
      targetType: "robot",
      targetId: `${s.name}/${dc.name}/${name}`,
      targetName: robot.name,
      departmentId: s.departmentId,
      systemId: s.id,
      before: { dataCentre: dc.name, name, permissions: robot.permissions },
    }),
  );
}
