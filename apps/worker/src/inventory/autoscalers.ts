// Capstan's HorizontalPodAutoscalers → their group's autoscalingStatus (replica counts, last scale,
// utilisations, conditions) and, while the group autoscales, its replica count (what the HPA decided).
// A status left on a group that no longer autoscales tells its controller the HPA is still to be deleted.
import { Prisma } from "@capstan/db";
import { autoscalerStatus, type HpaStatusView, LABEL } from "@capstan/domain";
import type { KubernetesObject } from "@kubernetes/client-node";
import type { InventoryWatch } from "./watch";

/** The fields of an autoscaling/v2 HorizontalPodAutoscaler the inventory reads. */
type Hpa = KubernetesObject & { status?: HpaStatusView };

export const autoscalers: InventoryWatch<Hpa> = {
  kind: "horizontalpodautoscalers",
  path: "/apis/autoscaling/v2/horizontalpodautoscalers",
  labelSelector: `${LABEL.managedBy}=capstan`,
  start: ({ db, groups, writeOnChange, forget }) => ({
    async upsert(h) {
      const id = await groups.idOf(h.metadata?.labels);
      if (!id) return;
      const status = autoscalerStatus(h.status);
      await writeOnChange(`hpa:${id}`, status, async () => {
        await db.group.updateMany({ where: { id }, data: { autoscalingStatus: { ...status } } });
        // desiredReplicas is 0 until the HPA first computes one; the group's count is then the one it was given.
        if (status.desiredReplicas > 0)
          await db.group.updateMany({
            where: { id, deletionRequestedAt: null, NOT: { autoscaling: { equals: Prisma.DbNull } } },
            data: { replicas: status.desiredReplicas },
          });
      });
    },
    async delete(h) {
      const id = await groups.idOf(h.metadata?.labels);
      if (!id) return;
      forget(`hpa:${id}`);
      await db.group.updateMany({ where: { id }, data: { autoscalingStatus: Prisma.DbNull } });
    },
  }),
};
