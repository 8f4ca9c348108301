import { ListQuery, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { nameSearch, type Page, pageArgs } from "../page";
import { type DataCentreDto, dataCentreFor, toDataCentreDto } from "./data-centre-dto";

/** Every signed-in person may list data centres: developers choose one for each group. */
export async function listDataCentres(ctx: Context, query: unknown): Promise<Page<DataCentreDto>> {
  const q = parseInput(ListQuery, query, "query");
  const where = nameSearch(q.q);
  const [rows, total] = await Promise.all([
    ctx.db.dataCentre.findMany({
      where,
      orderBy: { name: "asc" },
      ...pageArgs(q),
      include: { clusters: { select: { name: true, status: true }, orderBy: { name: "asc" } } },
    }),
    ctx.db.dataCentre.count({ where }),
  ]);
  return { items: rows.map((d) => dataCentreFor(ctx.actor, toDataCentreDto(d, d.clusters))), total, page: q.page, pageSize: q.pageSize };
}
