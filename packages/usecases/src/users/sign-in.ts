import type { Db } from "@capstan/db";
import { verifyPassword } from "./passwords";
import { assertNotThrottled, DEFAULT_THROTTLE, recordFailure, recordSuccess, type ThrottleSettings } from "./sign-in-throttle";

/**
 * Checks email + password; returns the user to put in the session, or null. Throttled per account and per
 * address (`origin.ip`): throws SignInThrottled (429) once either has too many failures in the window.
 * Failures, the attempt that starts throttling, and successes are audited (`auth.sign-in-*`).
 */
export async function signInWithPassword(
  db: Db,
  email: string,
  password: string,
  origin: { ip?: string | null } = {},
  throttle: ThrottleSettings = DEFAULT_THROTTLE,
) {
  const address = email.trim().toLowerCase().slice(0, 254);
  const ip = origin.ip ?? null;
  await assertNotThrottled(db, address, ip, throttle);
  const user = await db.user.findUnique({ where: { email: address } });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok || user.disabled) {
    const nowThrottled = await recordFailure(db, address, ip, throttle);
    await audit(db, address, user?.id ?? null, "auth.sign-in-failed", { ip, reason: !user ? "unknown account" : !ok ? "wrong password" : "disabled" });
    if (nowThrottled) await audit(db, address, user?.id ?? null, "auth.sign-in-throttled", { ip, windowMinutes: throttle.windowMs / 60_000 });
    return null;
  }
  await recordSuccess(db, address, throttle);
  await audit(db, address, user.id, "auth.sign-in", { ip });
  return { id: user.id, email: user.email, name: user.name, mustChangePassword: user.mustChangePassword };
}

// Sign-in has no actor yet, so it writes its audit events itself (no transaction: there is nothing else to write).
async function audit(db: Db, email: string, userId: string | null, action: string, after: object) {
  await db.auditEvent.create({ data: { actorId: userId, actorEmail: email, action, targetType: "user", targetId: email, targetName: email, after } });
}
