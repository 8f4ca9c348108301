// Who can sign in to a new installation. Demo accounts with published passwords (README) only where
// nothing real can be reached: the embedded database with the simulated data centres, or when asked
// for with CAPSTAN_DEMO=1. Everywhere else one platform admin with a random password that must be
// changed at first sign-in, as Rancher's bootstrap password works.
import { randomBytes } from "node:crypto";
import type { Db } from "@capstan/db";
import { assertStrongPassword, hashPassword } from "@capstan/usecases";

/** What an empty database is seeded with. */
export type FirstRunSeed = "demo" | "bootstrap";

/**
 * `CAPSTAN_DEMO=1` forces the demo accounts and `CAPSTAN_DEMO=0` the bootstrap admin; otherwise demo
 * accounts only for the embedded PostgreSQL together with the simulator.
 */
export function firstRunSeed(where: { embedded: boolean; simulate: boolean }, env: Record<string, string | undefined> = process.env): FirstRunSeed {
  if (env.CAPSTAN_DEMO === "1") return "demo";
  if (env.CAPSTAN_DEMO === "0") return "bootstrap";
  return where.embedded && where.simulate ? "demo" : "bootstrap";
}

/** The bootstrap admin's address: `CAPSTAN_BOOTSTRAP_EMAIL`, default admin@capstan.local. */
export const bootstrapEmail = (env: Record<string, string | undefined> = process.env) =>
  (env.CAPSTAN_BOOTSTRAP_EMAIL?.trim() || "admin@capstan.local").toLowerCase();

/**
 * Creates the first platform admin in an empty database, with a random password (24 characters, 144 bits)
 * flagged must-change, and returns that password for the caller to show once; returns null when the
 * database already has users. The password is stored only as its argon2id hash.
 */
export async function seedBootstrapAdmin(db: Db, email: string): Promise<string | null> {
  if ((await db.user.count()) > 0) return null;
  const password = randomBytes(18).toString("base64url");
  assertStrongPassword(password);
  const passwordHash = await hashPassword(password);
  const created = await db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) return false;
    await tx.user.create({ data: { email, name: "Administrator", passwordHash, platformRole: "PLATFORM_ADMIN", mustChangePassword: true } });
    await tx.auditEvent.create({ data: { actorEmail: "capstan", action: "seed.bootstrap-admin", targetType: "user", targetId: email, targetName: "Administrator", after: { mustChangePassword: true } } });
    return true;
  });
  return created ? password : null;
}
