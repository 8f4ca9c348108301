import type { Db } from "@capstan/db";
import { domainError } from "@capstan/domain";
import { hashToken, looksLikeToken } from "./token-secret";

const TOUCH_EVERY_MS = 60_000;

/** Resolves a bearer token to its user id, or throws 401. */
export async function authenticateToken(db: Db, token: string): Promise<string> {
  if (!looksLikeToken(token)) throw domainError("token_malformed");
  const t = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!t || t.revokedAt) throw domainError("token_unknown_or_revoked");
  if (t.expiresAt.getTime() <= Date.now()) throw domainError("token_expired");
  // Record use at most once a minute: a busy client should not turn every read into a write.
  if (!t.lastUsedAt || Date.now() - t.lastUsedAt.getTime() > TOUCH_EVERY_MS)
    await db.apiToken.update({ where: { id: t.id }, data: { lastUsedAt: new Date() } });
  return t.userId;
}
