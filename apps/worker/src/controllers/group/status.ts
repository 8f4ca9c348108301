// A group's status as its controller writes it (the framework's status writer is the only writer of these
// fields): observedGeneration on success, the last failure until then, on the group's own row. Replicas,
// phase and conditions come from the inventory instead.
import type { StatusPlace } from "../status";

/** Where the group controller's status goes (see StatusPlace). */
export const groupStatus: StatusPlace<{ groupId: string }> = { table: "Group", row: (p) => ({ id: p.groupId }), generation: true };
