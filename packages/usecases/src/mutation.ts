// The one way a use case changes data: inside a transaction, with an audit event written in the
// same transaction, database constraint errors turned into 409s that name the field, and values the
// database refused into 400s.
import { type Prisma, type Tx } from "@capstan/db";
import { domainError, DomainError, fieldError, staleVersion } from "@capstan/domain";
import type { Context } from "./context";
import { databaseError } from "./database-errors";

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  targetName: string;
  departmentId?: string | null;
  systemId?: string | null;
  before?: unknown;
  after?: unknown;
}

export async function mutation<T>(ctx: Context, work: (tx: Tx, audit: (e: AuditEntry) => Promise<void>) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.$transaction(
      async (tx) => {
        const audit = async (e: AuditEntry) => {
          await tx.auditEvent.create({
            data: {
              actorId: ctx.actor.userId,
              actorEmail: ctx.actor.email,
              action: e.action,
              targetType: e.targetType,
              targetId: e.targetId,
              targetName: e.targetName,
              departmentId: e.departmentId ?? null,
              systemId: e.systemId ?? null,
              before: toJson(e.before),
              after: toJson(e.after),
            },
          });
        };
        return work(tx, audit);
        // Changes that contend for one lock (e.g. a system's quota) queue for a connection rather than fail.
      },
      { maxWait: 10_000, timeout: 15_000 },
    );
  } catch (e) {
    throw translate(e);
  }
}

/** Optimistic concurrency: updates only when the caller saw the current version. */
export async function bumpVersion(
  update: (where: { version: number }) => Promise<{ count: number }>,
  expected: number,
  what: string,
  name: string,
): Promise<void> {
  const { count } = await update({ version: expected });
  if (count === 0) throw staleVersion(what, name);
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}

function translate(e: unknown): unknown {
  if (e instanceof DomainError) return e;
  const err = e as { code?: string; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } };
  if (err.code === "P2002") {
    const fields = err.meta?.driverAdapterError?.cause?.constraint?.fields ?? (Array.isArray(err.meta?.target) ? (err.meta.target as string[]) : []);
    const field = fields.map((f) => f.replaceAll('"', "")).find((f) => !f.endsWith("Id")) ?? "name";
    return domainError("field_taken", { field }, { [field]: fieldError("taken") });
  }
  if (err.code === "P2034") return domainError("concurrent_change");
  // A parent removed between our read and our write (e.g. a system deleted while an application is added).
  if (err.code === "P2003") return domainError("reference_removed");
  return databaseError(e) ?? e;
}
