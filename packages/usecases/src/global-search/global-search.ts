// Global search (the portal's Ctrl-K palette): systems, applications, groups, nodes and people whose
// names contain the text (begin with it, for one or two characters), limited to what the caller may read.
// One round trip: a UNION ALL of one sub-query per kind, each filtered by the caller's scope and cut at
// `limit`; ILIKE is answered by the pg_trgm GIN indexes (migration global_search_trigram). The budget is
// ≤ 100 ms p95 at 20,000 nodes and 5,000 systems (bench/search.bench.ts).
import { Prisma } from "@capstan/db";
import { canOperateFleet, parseInput, readsEverything, type SearchHit, type SearchKind, SearchQuery } from "@capstan/domain";
import type { Context } from "../context";
import { escapeLike, likeContains } from "../search";

/** Global search's answer: the text searched for and the hits, grouped by kind, best first within a kind. */
export interface SearchResults {
  q: string;
  items: SearchHit[];
}

/**
 * What the caller may read whose name (or display name, or a person's e-mail) contains `q` (for a text of one
 * or two characters: begins with it), ignoring case, every character taken literally. Scope: systems, applications and groups of the departments the caller
 * reads (every department for platform roles), never a system or group being deleted; nodes only for
 * platform admins and ops (as the node list); people in the caller's departments, everyone for platform
 * roles. At most `limit` of each kind, in the order systems, applications, groups, nodes, people; within a
 * kind an exact match first, then a prefix, then the shortest name (among the first CANDIDATES). Throws a 400 naming `q` or `limit` when
 * they are out of range (SearchQuery), as every query.
 */
export async function globalSearch(ctx: Context, query: unknown): Promise<SearchResults> {
  const { q, limit } = parseInput(SearchQuery, query, "query");
  const m: Match = { short: [...q].length < 3, contains: likeContains(q), prefix: `${escapeLike(q)}%`, exact: q.toLowerCase(), limit };
  const all = readsEverything(ctx.actor);
  const departments = [...ctx.actor.departments.keys()];
  const inScope = (column: Prisma.Sql) => (all ? Prisma.sql`TRUE` : Prisma.sql`${column} = ANY(${departments}::uuid[])`);
  const parts = [
    kind(m, "system", {
      columns: [Prisma.sql`s.name`, Prisma.sql`s."displayName"`, Prisma.sql`d.name`, NULL, NULL, NULL],
      from: Prisma.sql`"System" s JOIN "Department" d ON d.id = s."departmentId"`,
      where: Prisma.sql`s."deletionRequestedAt" IS NULL AND ${inScope(Prisma.sql`s."departmentId"`)}`,
      names: [Prisma.sql`s.name`, Prisma.sql`s."displayName"`],
    }),
    kind(m, "application", {
      columns: [Prisma.sql`a.name`, Prisma.sql`a."displayName"`, NULL, Prisma.sql`s.name`, NULL, NULL],
      from: Prisma.sql`"Application" a JOIN "System" s ON s.id = a."systemId"`,
      where: Prisma.sql`s."deletionRequestedAt" IS NULL AND ${inScope(Prisma.sql`s."departmentId"`)}`,
      names: [Prisma.sql`a.name`, Prisma.sql`a."displayName"`],
    }),
    kind(m, "group", {
      columns: [Prisma.sql`g.name`, Prisma.sql`g.name`, NULL, Prisma.sql`s.name`, Prisma.sql`a.name`, NULL],
      from: Prisma.sql`"Group" g JOIN "Application" a ON a.id = g."applicationId" JOIN "System" s ON s.id = a."systemId"`,
      where: Prisma.sql`g."deletionRequestedAt" IS NULL AND s."deletionRequestedAt" IS NULL AND ${inScope(Prisma.sql`s."departmentId"`)}`,
      names: [Prisma.sql`g.name`],
    }),
  ];
  if (canOperateFleet(ctx.actor)) {
    parts.push(
      kind(m, "node", {
        columns: [Prisma.sql`n.name`, Prisma.sql`n.name`, NULL, NULL, NULL, Prisma.sql`c.name`],
        from: Prisma.sql`"Node" n JOIN "Cluster" c ON c.id = n."clusterId"`,
        where: Prisma.sql`TRUE`,
        names: [Prisma.sql`n.name`],
      }),
    );
  }
  // People: platform roles find everyone (the people page lists them); others find the members of their
  // own departments, each with the first such department by name, whose page lists them.
  const member = (u: Prisma.Sql) => Prisma.sql`dm."userId" = ${u} AND dm."departmentId" = ANY(${departments}::uuid[])`;
  parts.push(
    kind(m, "person", {
      columns: [
        Prisma.sql`u.email`,
        Prisma.sql`u.name`,
        all
          ? NULL
          : Prisma.sql`(SELECT d.name FROM "DepartmentMember" dm JOIN "Department" d ON d.id = dm."departmentId"
              WHERE ${member(Prisma.sql`u.id`)} ORDER BY d.name LIMIT 1)`,
        NULL,
        NULL,
        NULL,
      ],
      from: Prisma.sql`"User" u`,
      where: all ? Prisma.sql`TRUE` : Prisma.sql`EXISTS (SELECT 1 FROM "DepartmentMember" dm WHERE ${member(Prisma.sql`u.id`)})`,
      names: [Prisma.sql`u.email`, Prisma.sql`u.name`],
    }),
  );
  const sql = Prisma.sql`SELECT * FROM (${Prisma.join(parts, " UNION ALL ")}) hits ORDER BY k, i`;
  const rows = await ctx.db.$queryRaw<(SearchHit & { k: number; i: bigint })[]>(sql);
  return { q, items: rows.map(({ k: _k, i: _i, ...hit }) => hit) };
}

interface Match {
  /**
   * Under three characters, ILIKE '%e%' gives pg_trgm no trigram: a GIN scan would read the whole index, and a
   * table scan reads every row of a kind where the text is rare (40 ms for 20,000 applications without an
   * "e"). Such a text is matched as a prefix instead: ILIKE 'e%' is anchored, so pg_trgm extracts the padded
   * word-start trigram ("  e") and the GIN index finds the candidates (0.05 ms), rechecked by the ILIKE.
   * One or two letters are the start of what someone types anyway.
   */
  short: boolean;
  contains: string;
  prefix: string;
  exact: string;
  limit: number;
}

const NULL = Prisma.sql`NULL`;
const COLUMNS = ["name", "displayName", "department", "system", "application", "cluster"] as const;
const KINDS: SearchKind[] = ["system", "application", "group", "node", "person"];

/**
 * A text that matches thousands of names ("node") must not make the database find and sort them all, so a
 * kind's ranking looks at the first this many rows that contain the text (found in any order; a LIMIT
 * without ORDER BY stops the scan early). An exact or prefix match beyond them is not promoted: the
 * palette asks again as the user types more of the name.
 */
const CANDIDATES = 200;

/**
 * One kind's sub-query: `columns` are name, displayName, department, system, application, cluster; among
 * the first CANDIDATES rows whose `names` contain the text, the best `limit` by rank (exact 0, prefix 1, else 2; then the first name's length and the name), with `k` (the
 * kind's place) and `i` (the row's place) for the outer ORDER BY.
 */
function kind(m: Match, k: SearchKind, p: { columns: Prisma.Sql[]; from: Prisma.Sql; where: Prisma.Sql; names: Prisma.Sql[] }) {
  const any = (test: (c: Prisma.Sql) => Prisma.Sql) => Prisma.join(p.names.map(test), " OR ");
  const columns = Prisma.join(p.columns.map((c, i) => Prisma.sql`(${c})::text AS ${Prisma.raw(`"${COLUMNS[i]}"`)}`));
  const rank = Prisma.sql`CASE WHEN ${any((c) => Prisma.sql`lower(${c}) = ${m.exact}`)} THEN 0
    WHEN ${any((c) => Prisma.sql`${c} ILIKE ${m.prefix}`)} THEN 1 ELSE 2 END`;
  const candidates = Prisma.sql`SELECT ${columns}, ${rank} AS rank, length(${p.names[0]!}) AS len
    FROM ${p.from} WHERE ${p.where} AND (${any((c) => Prisma.sql`${c} ILIKE ${m.short ? m.prefix : m.contains}`)}) LIMIT ${CANDIDATES}`;
  const order = Prisma.sql`rank, len, name`;
  return Prisma.sql`(SELECT ${k}::text AS kind, name, "displayName", department, system, application, cluster,
      ${KINDS.indexOf(k)}::int AS k, row_number() OVER (ORDER BY ${order}) AS i
    FROM (${candidates}) c
    ORDER BY ${order} LIMIT ${m.limit})`;
}
