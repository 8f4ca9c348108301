import { BuildListQuery, isUuid, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { decodeCursor, type KeysetPage, keysetPage, keysetSkip } from "../keyset";
import { findApplication } from "../lookups";
import { toBuildDto } from "./build-dto";
import { triggerNames } from "./find-build";

/** An application's builds, newest first, in keyset pages by build number (anyone who can read the system). */
export async function listBuilds(ctx: Context, system: string, application: string, query: unknown) {
  const q = parseInput(BuildListQuery, query, "query");
  const { application: a } = await findApplication(ctx.db, ctx.actor, system, application);
  const after = q.cursor ? decodeCursor(q.cursor, (c) => /^\d{1,10}$/.test(c.key) && Number(c.key) <= 2_147_483_647 && isUuid(c.id)) : undefined;
  const [rows, total] = await Promise.all([
    ctx.db.build.findMany({
      where: { applicationId: a.id, ...(after ? { number: { lt: Number(after.key) } } : {}) },
      orderBy: { number: "desc" },
      skip: keysetSkip(q),
      take: q.pageSize + 1,
      include: { dataCentre: { select: { name: true } } },
      omit: { log: true },
    }),
    ctx.db.build.count({ where: { applicationId: a.id } }),
  ]);
  const { items, nextCursor } = keysetPage(rows, q.pageSize, (r) => ({ key: String(r.number), id: r.id }));
  const names = await triggerNames(ctx.db, items);
  return {
    items: items.map((b) => toBuildDto({ ...b, log: "" }, { system, application, dataCentre: b.dataCentre.name }, names)),
    total,
    page: q.page,
    pageSize: q.pageSize,
    nextCursor,
  } satisfies KeysetPage<unknown>;
}
