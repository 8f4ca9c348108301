import { canWriteInSystem } from "@capstan/domain";
import type { Context } from "../context";
import { findGroup } from "./find-group";
import { groupEvents } from "./group-events";
import { toGroupDto } from "./group-dto";

/** A group with its pods and the cluster events that explain them. */
export async function getGroup(ctx: Context, system: string, application: string, name: string) {
  const { system: s, group: g } = await findGroup(ctx.db, ctx.actor, system, application, name);
  const [pods, events] = await Promise.all([ctx.db.pod.findMany({ where: { groupId: g.id }, orderBy: { name: "asc" } }), groupEvents(ctx.db, g)]);
  return {
    ...toGroupDto(g),
    pods: pods.map((p) => ({
      name: p.name,
      node: p.nodeName,
      phase: p.phase,
      ready: p.ready,
      ip: p.ip,
      restarts: p.restarts,
      reason: p.reason,
      message: p.message,
    })),
    events,
    can: { write: canWriteInSystem(ctx.actor, s) },
  };
}
