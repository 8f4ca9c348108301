import { dnsLabel, ListQuery, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { type Page, pageArgs } from "../page";
import { type ClusterDto, clusterFor, toClusterDto } from "./cluster-dto";
import { containsText } from "../search";

const ClusterListQuery = ListQuery.extend({ dataCentre: dnsLabel.optional() });

export async function listClusters(ctx: Context, query: unknown): Promise<Page<ClusterDto>> {
  const q = parseInput(ClusterListQuery, query, "query");
  const where = {
    ...(q.q ? { name: containsText(q.q) } : {}),
    ...(q.dataCentre ? { dataCentre: { name: q.dataCentre } } : {}),
  };
  const [rows, total] = await Promise.all([
    ctx.db.cluster.findMany({ where, orderBy: { name: "asc" }, ...pageArgs(q), include: { dataCentre: { select: { name: true } } } }),
    ctx.db.cluster.count({ where }),
  ]);
  return { items: rows.map((c) => clusterFor(ctx.actor, toClusterDto(c, c.dataCentre.name))), total, page: q.page, pageSize: q.pageSize };
}
