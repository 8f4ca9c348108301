import type { Context } from "../context";

/** How the groups of the actor's systems are doing, per data centre and phase: a dashboard at a glance. */
export async function myGroupHealth(ctx: Context) {
  const rows = await ctx.db.group.groupBy({
    by: ["dataCentreId", "phase"],
    where: { application: { system: { members: { some: { userId: ctx.actor.userId } } } } },
    _count: { _all: true },
  });
  const dcs = new Map(
    (await ctx.db.dataCentre.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.dataCentreId))] } }, select: { id: true, name: true } })).map((d) => [
      d.id,
      d.name,
    ]),
  );
  const byDc = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const name = dcs.get(r.dataCentreId) ?? r.dataCentreId;
    byDc.set(name, { ...byDc.get(name), [r.phase]: r._count._all });
  }
  return [...byDc].sort(([a], [b]) => a.localeCompare(b)).map(([dataCentre, phases]) => ({ dataCentre, phases }));
}
