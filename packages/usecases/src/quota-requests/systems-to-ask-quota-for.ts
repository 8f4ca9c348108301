import { canAskQuota } from "@capstan/domain";
import type { Context } from "../context";

/** At most this many systems are offered in the request form's choice, by name. */
const MAX_OFFERED = 1000;

/**
 * The names of the systems (not being deleted) the actor may ask more quota for, sorted, at most 1000:
 * exactly those createQuotaRequest accepts (canAskQuota), so the portal never offers a form the server
 * refuses. The query only narrows (platform admins: every system; others: the systems of departments
 * they administer and those they are members of); canAskQuota decides.
 */
export async function systemsToAskQuotaFor(ctx: Context): Promise<string[]> {
  const a = ctx.actor;
  const administered = [...a.departments].filter(([, role]) => role === "DEPARTMENT_ADMIN").map(([id]) => id);
  const rows = await ctx.db.system.findMany({
    where: {
      deletionRequestedAt: null,
      ...(a.platformRole === "PLATFORM_ADMIN" ? {} : { OR: [{ departmentId: { in: administered } }, { id: { in: [...a.systems] } }] }),
    },
    select: { id: true, name: true, departmentId: true },
    orderBy: { name: "asc" },
  });
  return rows
    .filter((s) => canAskQuota(a, s))
    .slice(0, MAX_OFFERED)
    .map((s) => s.name);
}
