import type { Tx } from "@capstan/db";

/**
 * Which groups of an application run each of `tags` in their current revision (Group.imageTag is the
 * current revision's tag), as `{ group, dataCentre }` names, optionally only in one data centre.
 */
export async function tagUsers(
  db: Pick<Tx, "group">,
  applicationId: string,
  tags: string[],
  dataCentreId?: string,
): Promise<Map<string, { group: string; dataCentre: string }[]>> {
  const groups = await db.group.findMany({
    where: { applicationId, imageTag: { in: tags }, ...(dataCentreId ? { dataCentreId } : {}) },
    select: { name: true, imageTag: true, dataCentre: { select: { name: true } } },
    orderBy: { name: "asc" },
  });
  const out = new Map<string, { group: string; dataCentre: string }[]>();
  for (const g of groups) out.set(g.imageTag, [...(out.get(g.imageTag) ?? []), { group: g.name, dataCentre: g.dataCentre.name }]);
  return out;
}
