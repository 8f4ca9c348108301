// A group's status as its controller writes it (the framework's status writer is the only writer of these
// fields): observedGeneration on success, the last failure until then, on the group's own row. Replicas,
// phase and conditions come from the inventory instead. A group that keeps failing tells its system's
// developers, once per failure streak.
import type { Tx } from "@capstan/db";
import { notify, systemDevelopers } from "@capstan/usecases/internal";
import type { Failure } from "../failure";
import type { StatusPlace } from "../status";

/**
 * Failed attempts in a row after which a group's developers are told: a reconcile retried with backoff
 * usually gets past a passing fault (a cluster restarting) before the third attempt.
 */
export const GROUP_FAILING_AFTER_ATTEMPTS = 3;

/** Tells the developers of the group's system that it fails to converge (in the status write's transaction). */
async function groupFailing(tx: Tx, p: { groupId: string }, f: Failure): Promise<void> {
  const g = await tx.group.findUnique({
    where: { id: p.groupId },
    select: {
      name: true,
      cluster: { select: { name: true } },
      application: { select: { name: true, system: { select: { id: true, name: true, departmentId: true } } } },
    },
  });
  if (!g) return;
  const system = g.application.system;
  await notify(tx, {
    reason: "group_failing",
    params: { group: g.name, system: system.name, cluster: g.cluster.name, errorReason: f.reason },
    link: `/systems/${system.name}/applications/${g.application.name}/groups/${g.name}`,
    recipients: await systemDevelopers(tx, system.id, system.departmentId),
    departmentId: system.departmentId,
  });
}

/** Where the group controller's status goes (see StatusPlace). */
export const groupStatus: StatusPlace<{ groupId: string }> = {
  table: "Group",
  row: (p) => ({ id: p.groupId }),
  generation: true,
  failing: { afterAttempts: GROUP_FAILING_AFTER_ATTEMPTS, notify: groupFailing },
};
