// One key scheme for every PostgreSQL advisory lock Capstan takes: the first 8 bytes of SHA-256 of
// "<scope>:<part>:<part>…", read as a signed 64-bit integer (PostgreSQL's one-key bigint form). Scopes
// are listed here, so no two kinds of lock can collide by accident. The one exception is the migration
// lock (migrate.ts), whose key is Prisma Migrate's own so that both migrators exclude each other.
import { createHash } from "node:crypto";
import type { Tx } from "./client";

/**
 * What a lock serialises:
 * - `reconcile`: a cluster's reconciles, held by one worker at a time (apps/worker/src/cluster-lock.ts);
 * - `inventory`: a cluster's inventory sync (apps/worker/src/inventory-manager.ts);
 * - `quota`: a department's quota decisions in a data centre; `system-quota`: a system's (quota-usage.ts);
 * - `pull-robot`: making a system's pull robot in a data centre's Harbor;
 * - `group-name`: creating a group under one object name in one system;
 * - `log-streams`: a user's log stream leases (packages/usecases/src/logs/stream-leases.ts);
 * - `worker-liveness`: held by a live graphile-worker worker id, so others may free its jobs once it is gone
 *   (apps/worker/src/liveness.ts, which also computes this key in SQL).
 */
export type LockScope = "reconcile" | "inventory" | "quota" | "system-quota" | "pull-robot" | "group-name" | "log-streams" | "worker-liveness";

/** The advisory lock key of (scope, parts), as a decimal string for a `$1::bigint` parameter. */
export function advisoryKey(scope: LockScope, ...parts: string[]): string {
  return createHash("sha256")
    .update([scope, ...parts].join(":"))
    .digest()
    .readBigInt64BE(0)
    .toString();
}

/** Takes the transaction-scoped advisory lock of (scope, parts); PostgreSQL frees it at commit or rollback. */
export async function lockInTransaction(tx: Pick<Tx, "$executeRaw">, scope: LockScope, ...parts: string[]): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${advisoryKey(scope, ...parts)}::bigint)`;
}
