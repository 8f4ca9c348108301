// Who can sign in to a new installation. Demo accounts with published passwords (README) only where
// nothing real can be reached: the embedded database with the simulated data centres, or when asked
// for with CAPSTAN_DEMO=1. Everywhere else one platform admin with a random password that must be
// changed at first sign-in, as Rancher's bootstrap password works.
import { randomBytes } from "node:crypto";
import type { Db } from "@capstan/db";
import { assertStrongPassword, hashPassword, revokeUserSessions } from "@capstan/usecases/internal";

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
  const { password, passwordHash } = await oneTimePassword();
  const created = await db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) return false;
    await tx.user.create({ data: { email, name: "Administrator", passwordHash, platformRole: "PLATFORM_ADMIN", mustChangePassword: true } });
    await tx.auditEvent.create({
      data: {
        actorEmail: "capstan",
        action: "seed.bootstrap-admin",
        targetType: "user",
        targetId: email,
        targetName: "Administrator",
        after: { mustChangePassword: true },
      },
    });
    return true;
  });
  return created ? password : null;
}

/**
 * The operator's way back in (`npm run cli -- user reset-password --user EMAIL`): a new one-time password
 * that must be changed at first sign-in; every session and API token of the account ends. Returns the
 * password to show once, or null for an unknown email.
 */
export async function resetToOneTimePassword(db: Db, email: string): Promise<string | null> {
  const { password, passwordHash } = await oneTimePassword();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: email.trim().toLowerCase() } });
    if (!user) return null;
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: true, version: { increment: 1 } } });
    const sessions = await revokeUserSessions(tx, user.id);
    const tokens = await tx.apiToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.auditEvent.create({
      data: {
        actorEmail: "cli",
        action: "user.password-reset",
        targetType: "user",
        targetId: user.email,
        targetName: user.name,
        after: { mustChangePassword: true, revoked: { sessions, tokens: tokens.count } },
      },
    });
    return password;
  });
}

/** 18 random bytes as base64url (24 characters, 144 bits), and its argon2id hash. */
async function oneTimePassword() {
  const password = randomBytes(18).toString("base64url");
  assertStrongPassword(password);
  return { password, passwordHash: await hashPassword(password) };
}
