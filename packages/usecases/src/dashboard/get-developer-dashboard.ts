import { parseChangeCause, UNHEALTHY_GROUP_PHASES } from "@capstan/domain";
import type { Context } from "../context";
import { quotaUse } from "./quota-use";

/** Rows each list shows; the counts are of all. */
const SHOWN = 8;

/**
 * A developer's dashboard, over the systems the actor is a member of (nothing for anyone else): their
 * unhealthy groups (groupUnhealthy: DEGRADED, FAILED or failing to reconcile; count and the latest changed),
 * their latest revisions newest first with the state of each (the group's phase for its current revision,
 * "superseded" for older ones), and the headroom of each system's quota per data centre.
 */
export async function getDeveloperDashboard(ctx: Context) {
  const systemIds = [...ctx.actor.systems];
  const inMySystems = { application: { systemId: { in: systemIds } } };
  const unhealthy = { ...inMySystems, OR: [{ phase: { in: [...UNHEALTHY_GROUP_PHASES] } }, { failedAttempts: { gt: 0 } }] };
  const names = { name: true, application: { select: { name: true, system: { select: { name: true } } } } } as const;
  const [unhealthyTotal, unhealthyGroups, revisions, quotas] = await Promise.all([
    ctx.db.group.count({ where: unhealthy }),
    ctx.db.group.findMany({
      where: unhealthy,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: SHOWN,
      select: { ...names, phase: true, lastErrorReason: true, dataCentre: { select: { name: true } } },
    }),
    ctx.db.groupRevision.findMany({
      where: { group: inMySystems },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: SHOWN,
      select: { revision: true, changeCause: true, createdAt: true, group: { select: { ...names, revision: true, phase: true } } },
    }),
    quotaUse(ctx.db, systemIds),
  ]);
  const path = (g: { name: string; application: { name: string; system: { name: string } } }) => ({
    system: g.application.system.name,
    application: g.application.name,
    group: g.name,
  });
  return {
    unhealthyGroups: {
      total: unhealthyTotal,
      items: unhealthyGroups.map((g) => ({ ...path(g), dataCentre: g.dataCentre.name, phase: g.phase, lastErrorReason: g.lastErrorReason })),
    },
    recentRollouts: revisions.map((r) => ({
      ...path(r.group),
      revision: r.revision,
      changeCause: r.changeCause,
      cause: parseChangeCause(r.changeCause) ?? null,
      at: r.createdAt.toISOString(),
      state: r.revision === r.group.revision ? r.group.phase : ("SUPERSEDED" as const),
    })),
    quotas,
  };
}
