// Server-side browser sessions. The session cookie (a next-auth JWT) holds only a UserSession id;
// every request looks the row up, so sign-out, a password change or disabling the user end it at once,
// whatever the cookie says about its own expiry.
import type { Db, Tx } from "@capstan/db";
import { type SessionSettings, sessionSettings } from "./session-settings";

// lastSeenAt is written at most once a minute: a busy page should not turn every read into a write.
const TOUCH_EVERY_MS = 60_000;

/** Where a sign-in came from, kept on the session for the people who review them. */
export interface SessionOrigin {
  userAgent?: string | null;
  ip?: string | null;
}

/**
 * Starts a session for a user who has just proved who they are; returns its id and absolute end. The user's
 * sessions that ended more than a day ago are deleted here, so the table stays the size of its live rows.
 */
export async function startSession(db: Db, userId: string, origin: SessionOrigin = {}, settings: SessionSettings = sessionSettings()) {
  const dayAgo = new Date(Date.now() - 86_400_000);
  await db.userSession.deleteMany({ where: { userId, OR: [{ expiresAt: { lt: dayAgo } }, { revokedAt: { lt: dayAgo } }] } });
  const row = await db.userSession.create({
    data: {
      userId,
      expiresAt: new Date(Date.now() + settings.maxAgeMs),
      userAgent: origin.userAgent?.slice(0, 300) ?? null,
      ip: origin.ip?.slice(0, 64) ?? null,
    },
  });
  return { id: row.id, expiresAt: row.expiresAt };
}

/**
 * The session's user and when it ends (the earlier of the absolute end and the idle deadline), or null
 * when it is unknown, revoked, past its absolute lifetime or idle too long. Records activity.
 */
export async function authenticateSession(db: Db, sessionId: unknown, settings: SessionSettings = sessionSettings()) {
  if (typeof sessionId !== "string" || !/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const s = await db.userSession.findUnique({ where: { id: sessionId } });
  const now = Date.now();
  if (!s || s.revokedAt || s.expiresAt.getTime() <= now || s.lastSeenAt.getTime() + settings.idleMs <= now) return null;
  let lastSeen = s.lastSeenAt.getTime();
  if (now - lastSeen > TOUCH_EVERY_MS) {
    await db.userSession.update({ where: { id: s.id }, data: { lastSeenAt: new Date(now) } });
    lastSeen = now;
  }
  return { userId: s.userId, expiresAt: new Date(Math.min(s.expiresAt.getTime(), lastSeen + settings.idleMs)) };
}

/** Sign-out: revokes one session (a no-op for an unknown or already revoked one). */
export async function endSession(db: Db, sessionId: unknown): Promise<void> {
  if (typeof sessionId !== "string" || !/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/**
 * Revokes every live session of a user, except `keep` (the one changing its own password), inside the
 * caller's transaction; returns how many ended.
 */
export async function revokeUserSessions(tx: Tx, userId: string, keep?: string): Promise<number> {
  const { count } = await tx.userSession.updateMany({
    where: { userId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { revokedAt: new Date() },
  });
  return count;
}
