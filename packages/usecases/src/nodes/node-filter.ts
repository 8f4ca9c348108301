// The node list's filters as SQL over "Node" n JOIN "Cluster" c JOIN "DataCentre" d. Each condition can
// use an index: status/cluster/zone b-trees, and the GIN (jsonb_path_ops) index for label=value.
import { Prisma } from "@capstan/db";
import type { NodeFilter } from "@capstan/domain";
import { likeContains } from "../search";

export function nodeWhere(f: NodeFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (f.q) parts.push(Prisma.sql`n.name ILIKE ${likeContains(f.q)}`);
  if (f.cluster) parts.push(Prisma.sql`c.name = ${f.cluster}`);
  if (f.dataCentre) parts.push(Prisma.sql`d.name = ${f.dataCentre}`);
  if (f.status) parts.push(Prisma.sql`n.status = ${f.status}::"NodeStatus"`);
  if (f.zone) parts.push(Prisma.sql`n.zone = ${f.zone}`);
  if (f.label) {
    const [key, value] = f.label.split("=") as [string, string | undefined];
    parts.push(value === undefined ? Prisma.sql`jsonb_exists(n.labels, ${key})` : Prisma.sql`n.labels @> ${JSON.stringify({ [key]: value })}::jsonb`);
  }
  if (f.minFreeCpu !== undefined) parts.push(Prisma.sql`n."allocCpuMillis" - n."requestedCpuMillis" >= ${f.minFreeCpu}`);
  if (f.minFreeMemory !== undefined) parts.push(Prisma.sql`n."allocMemoryMiB" - n."requestedMemoryMiB" >= ${f.minFreeMemory}`);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

export const NODE_FROM = Prisma.sql`"Node" n JOIN "Cluster" c ON c.id = n."clusterId" JOIN "DataCentre" d ON d.id = c."dataCentreId"`;
