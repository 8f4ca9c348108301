// The group controller: a group's Deployment, Service and autoscaler in its cluster (./reconcile.ts), their
// removal when deletion is requested, and its status (./status.ts). Its watches read back what a group's page
// shows beside its spec: its Deployment's and autoscaler's status, its pods and the events about them.
import { kinds } from "@capstan/db/kinds";
import { autoscalers } from "../../inventory/autoscalers";
import { deployments } from "../../inventory/deployments";
import { events } from "../../inventory/events";
import { pods } from "../../inventory/pods";
import type { InventoryWatch } from "../../inventory/watch";
import { defineController } from "../controller";
import { reconcileGroup } from "./reconcile";
import { groupStatus } from "./status";

export const groupController = defineController({
  kind: kinds.group,
  lease: (p) => p.clusterId,
  // Every group, those being deleted included (their removal is level-triggered too).
  listDesired: async (db) => (await db.group.findMany({ select: { id: true, clusterId: true } })).map((g) => ({ groupId: g.id, clusterId: g.clusterId })),
  reconcile: reconcileGroup,
  status: groupStatus,
  watches: [deployments, autoscalers, pods, events] as InventoryWatch<never>[],
});
