import { personName } from "@capstan/domain";
import type { Context } from "../context";
import { quotaUse } from "./quota-use";

/** Requests shown, oldest first; and systems near their limits shown. */
const SHOWN = 5;

/**
 * A department admin's dashboard, over the departments the actor administers (nothing for anyone else):
 * the quota requests waiting for them (pending, not escalated: count and the oldest), and the systems
 * whose quota in a data centre is near its limit (quotaNearLimit: 80 % of any dimension in use).
 */
export async function getDepartmentAdminDashboard(ctx: Context) {
  const departments = [...ctx.actor.departments].filter(([, role]) => role === "DEPARTMENT_ADMIN").map(([id]) => id);
  const waiting = { status: "PENDING" as const, escalated: false, system: { departmentId: { in: departments } } };
  const [requestTotal, requests, systems] = await Promise.all([
    ctx.db.quotaRequest.count({ where: waiting }),
    ctx.db.quotaRequest.findMany({
      where: waiting,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: SHOWN,
      select: {
        id: true,
        createdAt: true,
        system: { select: { name: true } },
        dataCentre: { select: { name: true } },
        requester: { select: { name: true, email: true } },
      },
    }),
    departments.length ? ctx.db.system.findMany({ where: { departmentId: { in: departments } }, select: { id: true } }) : [],
  ]);
  const near = (
    await quotaUse(
      ctx.db,
      systems.map((s) => s.id),
    )
  ).filter((q) => q.nearLimit.length > 0);
  return {
    requestsToReview: {
      total: requestTotal,
      oldest: requests.map((r) => ({
        id: r.id,
        system: r.system.name,
        dataCentre: r.dataCentre.name,
        requester: personName(r.requester),
        at: r.createdAt.toISOString(),
      })),
    },
    nearLimit: { total: near.length, items: near.slice(0, SHOWN) },
  };
}
