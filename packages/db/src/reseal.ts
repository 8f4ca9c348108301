// Key rotation (docs/operations.md, "Key rotation"): every value sealed at rest with an older key is sealed
// again with CAPSTAN_SECRET_KEY, so CAPSTAN_SECRET_KEY_PREVIOUS can then be dropped. A sealed column left out
// here would become unreadable when the previous key is removed, so reseal.int.test.ts checks that this list
// names every column of prisma/schema.prisma called `…Enc` or `…Sealed`.
import type { Tx } from "./client";
import type { Sealer } from "./secrets";

/**
 * Where sealed values are stored: table, column, and how the sealed bytes are kept (`bytea`, or base64 in
 * a text column).
 */
export const SEALED_COLUMNS = [
  { table: "DataCentre", column: "harborPasswordEnc", encoding: "bytea" },
  { table: "DataCentre", column: "powerdnsApiKeyEnc", encoding: "bytea" },
  { table: "Cluster", column: "kubeconfigEnc", encoding: "bytea" },
  { table: "SystemPullRobot", column: "secretEnc", encoding: "bytea" },
  { table: "ApplicationWebhook", column: "secretEnc", encoding: "bytea" },
  { table: "NotificationTarget", column: "webhookUrlSealed", encoding: "base64" },
] as const;

/**
 * Reseals, inside the caller's transaction, every stored value that `sealer` reports stale (sealed with a
 * previous key). Rows are matched by the sealed value itself (unique: each seal has a random IV), so any key
 * shape works. Returns how many values were resealed. Throws when a value was sealed with a key the sealer
 * does not have (nothing is then changed, as the transaction rolls back).
 */
export async function resealStale(tx: Tx, sealer: Sealer): Promise<number> {
  let resealed = 0;
  for (const { table, column, encoding } of SEALED_COLUMNS) {
    const rows = await tx.$queryRawUnsafe<{ v: Uint8Array | string }[]>(`SELECT "${column}" AS v FROM "${table}" WHERE "${column}" IS NOT NULL`);
    for (const { v } of rows) {
      const bytes = encoding === "base64" ? Buffer.from(v as string, "base64") : Buffer.from(v as Uint8Array);
      if (!sealer.isStale(bytes)) continue;
      const fresh = Buffer.from(sealer.seal(sealer.open(bytes)));
      const [next, old] = encoding === "base64" ? [fresh.toString("base64"), v] : [fresh, v];
      resealed += await tx.$executeRawUnsafe(`UPDATE "${table}" SET "${column}" = $1 WHERE "${column}" = $2`, next, old);
    }
  }
  return resealed;
}
