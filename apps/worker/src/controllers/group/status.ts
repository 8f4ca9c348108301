// A group's status as its controller writes it (the only writer of these fields): observedGeneration on
// success, the last failure until then. Replicas, phase and conditions come from the inventory instead.
import type { StatusWriter } from "../controller";

/** The group controller's status writer (see StatusWriter). */
export const groupStatus: StatusWriter<{ groupId: string }> = {
  // Only if nobody changed the group meanwhile (otherwise the next job applies the newer generation), and
  // writes nothing when this generation was already recorded, so a resync of a converged fleet is silent.
  observed: (db, { groupId }, { generation }) =>
    db.group.updateMany({
      where: { id: groupId, generation, OR: [{ observedGeneration: { not: generation } }, { lastError: { not: null } }, { failedAttempts: { not: 0 } }] },
      data: { observedGeneration: generation, lastError: null, lastErrorReason: null, lastErrorAt: null, failedAttempts: 0 },
    }),
  failed: (db, { groupId }, f) =>
    db.group.updateMany({
      where: { id: groupId },
      data: { lastError: f.message, lastErrorReason: f.reason, lastErrorAt: f.at, failedAttempts: { increment: 1 } },
    }),
};
