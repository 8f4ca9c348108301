// Where a controller's status goes, and the one writer of it: Kubernetes-style, observedGeneration moves only
// on success, the last failure (message, reason, time, attempts since the last success) is recorded until a
// success clears it. A definition names its place (`status` in controller.ts); the framework writes it, so a
// new kind gets this for free by adding the four failure columns (lastError, lastErrorReason, lastErrorAt,
// failedAttempts) to its table.
import { type Db, Prisma, type Tx } from "@capstan/db";
import type { Failure } from "./failure";

/**
 * Where one kind's status lives: a row of `table` per object, holding the columns `lastError` (text),
 * `lastErrorReason` (text), `lastErrorAt` (timestamp(3)) and `failedAttempts` (integer, default 0).
 */
export interface StatusPlace<P> {
  /** The table, named as its Prisma model (which is its SQL name). */
  table: Prisma.ModelName;
  /** The object's row: its primary-key columns and their values. */
  row: (p: P) => Record<string, string>;
  /**
   * The table holds only this status (e.g. one row per system and cluster), so the first failure inserts the
   * row; otherwise the columns are part of the object's own row, and an object that is gone gets nothing.
   */
  ownTable?: boolean;
  /**
   * The row has `generation` and `observedGeneration`: a success that applied a generation records it, and
   * only if the row still has that generation (otherwise the next reconcile applies the newer one).
   */
  generation?: boolean;
  /**
   * Told once per failure streak: when the attempts since the last success reach `afterAttempts`, `notify`
   * runs in the transaction that records that attempt (so a streak is announced exactly once, however
   * long it lasts, and again only after a success cleared it). Only for status on the object's own row.
   */
  failing?: { afterAttempts: number; notify: (tx: Tx, p: P, f: Failure) => Promise<void> };
}

/** What a successful reconcile applied: the object's generation, recorded as its observedGeneration. */
export interface Applied {
  generation: number;
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;

/** A quoted SQL identifier; the names come from code (a definition), never from a request. */
function ident(name: string): Prisma.Sql {
  if (!IDENTIFIER.test(name)) throw new Error(`not a column or table name: ${name}`);
  return Prisma.raw(`"${name}"`);
}

/** PostgreSQL's foreign_key_violation (SQLSTATE 23503), as Prisma passes on a raw statement's error (P2010). */
const isForeignKeyViolation = (e: unknown) =>
  (e as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null)?.meta?.driverAdapterError?.cause?.originalCode === "23503";

const matches = (row: Record<string, string>) =>
  Prisma.join(
    Object.entries(row).map(([column, value]) => Prisma.sql`${ident(column)} = ${value}`),
    " AND ",
  );

/** The status writer of one place: the only code that writes its failure columns and observedGeneration. */
export function statusWriter<P>(place: StatusPlace<P>) {
  const table = ident(place.table);
  return {
    /**
     * After a successful reconcile: the failure cleared and, when it applied a generation, observedGeneration.
     * Writes nothing when there is nothing to change, so a resync of a converged fleet is silent.
     */
    async succeeded(db: Db, p: P, applied?: Applied | void): Promise<void> {
      const row = matches(place.row(p));
      if (place.generation && applied) {
        const g = applied.generation;
        await db.$executeRaw`UPDATE ${table} SET "observedGeneration" = ${g}, "lastError" = NULL, "lastErrorReason" = NULL, "lastErrorAt" = NULL, "failedAttempts" = 0
          WHERE ${row} AND "generation" = ${g} AND ("observedGeneration" <> ${g} OR "lastError" IS NOT NULL OR "failedAttempts" <> 0)`;
        return;
      }
      await db.$executeRaw`UPDATE ${table} SET "lastError" = NULL, "lastErrorReason" = NULL, "lastErrorAt" = NULL, "failedAttempts" = 0
        WHERE ${row} AND ("lastError" IS NOT NULL OR "failedAttempts" <> 0)`;
    },
    /**
     * After a failed reconcile: the failure, and one more attempt counted. Nothing when the object is gone
     * (deleted while its reconcile ran): its status went with it.
     */
    async failed(db: Db, p: P, f: Failure): Promise<void> {
      const key = place.row(p);
      // An ISO 8601 instant in UTC, stored as Prisma stores DateTime (timestamp(3) without time zone, in UTC).
      const at = Prisma.sql`${f.at.toISOString()}::timestamp(3)`;
      if (!place.ownTable) {
        const failing = place.failing;
        await db.$transaction(async (tx) => {
          const [row] = await tx.$queryRaw<
            { failedAttempts: number }[]
          >`UPDATE ${table} SET "lastError" = ${f.message}, "lastErrorReason" = ${f.reason}, "lastErrorAt" = ${at}, "failedAttempts" = "failedAttempts" + 1
            WHERE ${matches(key)} RETURNING "failedAttempts"`;
          if (failing && row?.failedAttempts === failing.afterAttempts) await failing.notify(tx, p, f);
        });
        return;
      }
      const columns = Prisma.join(Object.keys(key).map(ident));
      const values = Prisma.join(Object.values(key).map((v) => Prisma.sql`${v}`));
      // The row's key refers to the object's rows (cascading deletes), so an object that is gone refuses it.
      await db.$executeRaw`INSERT INTO ${table} (${columns}, "lastError", "lastErrorReason", "lastErrorAt", "failedAttempts")
        VALUES (${values}, ${f.message}, ${f.reason}, ${at}, 1)
        ON CONFLICT (${columns}) DO UPDATE SET "lastError" = EXCLUDED."lastError", "lastErrorReason" = EXCLUDED."lastErrorReason",
          "lastErrorAt" = EXCLUDED."lastErrorAt", "failedAttempts" = ${table}."failedAttempts" + 1`.catch((e: unknown) => {
        if (!isForeignKeyViolation(e)) throw e;
      });
    },
  };
}
