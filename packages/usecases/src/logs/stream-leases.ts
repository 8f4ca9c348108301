// The per-user limit of open log streams, across every portal replica: one LogStreamLease row per stream,
// counted under a per-user advisory lock, renewed while the stream runs and deleted when it ends. A replica
// that dies leaves rows that stop counting once they expire (LEASE_TTL_MS), so a user is never locked out
// for longer than that.
import type { Db } from "@capstan/db";
import { lockInTransaction } from "@capstan/db/advisory-lock";
import { domainError } from "@capstan/domain";

/** How long a lease counts without renewal (ms); a running stream renews it every third of this. */
export const LEASE_TTL_MS = 60_000;

/** The most log streams one user may have open at once: CAPSTAN_LOG_STREAMS_PER_USER (default 5); read at each call. */
export function logStreamsPerUser(): number {
  const n = Number(process.env.CAPSTAN_LOG_STREAMS_PER_USER ?? 5);
  return Number.isInteger(n) && n > 0 ? n : 5;
}

/** A held lease: `release()` ends it (idempotent; also stops its renewal). */
export interface LogStreamLease {
  release(): Promise<void>;
}

/**
 * Takes one of the user's log stream leases, or refuses with 429 `log_streams_exceeded` naming the limit.
 * @throws DomainError log_streams_exceeded (429)
 */
export async function acquireLogStream(db: Db, userId: string): Promise<LogStreamLease> {
  const limit = logStreamsPerUser();
  const id = await db.$transaction(async (tx) => {
    await lockInTransaction(tx, "log-streams", userId);
    await tx.logStreamLease.deleteMany({ where: { userId, expiresAt: { lt: new Date() } } });
    const open = await tx.logStreamLease.count({ where: { userId } });
    if (open >= limit) throw domainError("log_streams_exceeded", { limit });
    const row = await tx.logStreamLease.create({ data: { userId, expiresAt: new Date(Date.now() + LEASE_TTL_MS) }, select: { id: true } });
    return row.id;
  });
  const renewal = setInterval(() => {
    void db.logStreamLease.updateMany({ where: { id }, data: { expiresAt: new Date(Date.now() + LEASE_TTL_MS) } }).catch(() => {});
  }, LEASE_TTL_MS / 3);
  renewal.unref();
  let released: Promise<void> | undefined;
  return {
    release: () =>
      (released ??= (async () => {
        clearInterval(renewal);
        await db.logStreamLease.deleteMany({ where: { id } }).catch(() => {});
      })()),
  };
}
