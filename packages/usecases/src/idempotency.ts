// Idempotency keys for POSTs: the first request with a key claims it; a success is recorded, and a repeat
// with the same key and the same body gets it without running again; a refusal or failure releases the key,
// so a repeat runs again (keptForReplay in packages/domain: Stripe's rule). Keys belong to the user who sent
// them. Follows draft-ietf-httpapi-idempotency-key-header: a key reused with a different request body is a
// 422, and one whose first request is still running is a 409. An answer that held a secret (a new API
// token's) is never stored: a repeat is refused with a 409 instead.
import { createHash } from "node:crypto";
import { Prisma } from "@capstan/db";
import { domainError, fieldError } from "@capstan/domain";
import type { Context } from "./context";

type Claim = { replay: { status: number; body: unknown } } | { claimed: true };

const KEY = /^[\x21-\x7e]{1,200}$/;
const FIELD = "Idempotency-Key";

/** Hex SHA-256 of a request body (its text as read, or its bytes), as stored with its key. */
export const bodyHash = (body: Uint8Array | string) => createHash("sha256").update(body).digest("hex");

/**
 * Claims `key` for `request` ("POST /api/v1/…") with a body whose hash is `hash` (see bodyHash), or
 * returns the recorded answer of the first request with it. Throws 422 for a malformed key or a key
 * used for another request or body, 409 while the first request runs or when its answer held a secret.
 */
export async function claimIdempotencyKey(ctx: Context, key: string, request: string, hash: string): Promise<Claim> {
  if (!KEY.test(key)) throw domainError("idempotency_key_malformed", {}, { [FIELD]: fieldError("idempotency_key_malformed") });
  const id = { userId: ctx.actor.userId, key };
  try {
    await ctx.db.idempotencyKey.create({ data: { ...id, request, bodyHash: hash } });
    return { claimed: true };
  } catch (e) {
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")) throw e;
  }
  const seen = await ctx.db.idempotencyKey.findUnique({ where: { userId_key: id } });
  if (!seen) return claimIdempotencyKey(ctx, key, request, hash); // released meanwhile: claim it now
  if (seen.request !== request) throw domainError("idempotency_key_other_request", {}, { [FIELD]: fieldError("idempotency_key_other_request") });
  if (seen.bodyHash !== hash) throw domainError("idempotency_key_other_body", {}, { [FIELD]: fieldError("idempotency_key_other_body") });
  if (seen.status === null) throw domainError("idempotency_key_running", {}, { [FIELD]: fieldError("idempotency_key_running") });
  if (!seen.replayable) throw domainError("idempotency_key_secret_result", {}, { [FIELD]: fieldError("idempotency_key_secret_result") });
  return { replay: { status: seen.status, body: seen.body } };
}

/**
 * Records a success for replay (only answers keptForReplay accepts; release the key for the others). With
 * `holdsSecret`, only the status is kept and the key is marked not replayable.
 */
export async function completeIdempotencyKey(ctx: Context, key: string, status: number, body: unknown, holdsSecret = false): Promise<void> {
  const stored = holdsSecret || body === undefined ? Prisma.DbNull : (body as Prisma.InputJsonValue);
  await ctx.db.idempotencyKey.update({ where: { userId_key: { userId: ctx.actor.userId, key } }, data: { status, body: stored, replayable: !holdsSecret } });
}

/** Frees a key whose request was refused or failed (see keptForReplay), so that a retry runs again. */
export async function releaseIdempotencyKey(ctx: Context, key: string): Promise<void> {
  await ctx.db.idempotencyKey.deleteMany({ where: { userId: ctx.actor.userId, key, status: null } });
}
