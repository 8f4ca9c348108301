// Idempotency keys for POSTs: the first request with a key claims it and records its answer; a repeat
// with the same key gets that answer without running again. Keys belong to the user who sent them.
import { Prisma } from "@capstan/db";
import { conflict, invalid } from "@capstan/domain";
import type { Context } from "./context";

type Claim = { replay: { status: number; body: unknown } } | { claimed: true };

const KEY = /^[\x21-\x7e]{1,200}$/;

export async function claimIdempotencyKey(ctx: Context, key: string, request: string): Promise<Claim> {
  if (!KEY.test(key)) throw invalid("The Idempotency-Key header must be 1–200 visible ASCII characters.", { "Idempotency-Key": "must be 1–200 visible ASCII characters" });
  const id = { userId: ctx.actor.userId, key };
  try {
    await ctx.db.idempotencyKey.create({ data: { ...id, request } });
    return { claimed: true };
  } catch (e) {
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")) throw e;
  }
  const seen = await ctx.db.idempotencyKey.findUnique({ where: { userId_key: id } });
  if (!seen) return claimIdempotencyKey(ctx, key, request); // released meanwhile: claim it now
  if (seen.request !== request) throw invalid("This Idempotency-Key was used for a different request.", { "Idempotency-Key": "was used for a different request" });
  if (seen.status === null) throw conflict("The first request with this Idempotency-Key is still running; retry in a moment.");
  return { replay: { status: seen.status, body: seen.body } };
}

/** Records the answer (2xx and 4xx: the same request would get it again). */
export async function completeIdempotencyKey(ctx: Context, key: string, status: number, body: unknown): Promise<void> {
  await ctx.db.idempotencyKey.update({ where: { userId_key: { userId: ctx.actor.userId, key } }, data: { status, body: body === undefined ? Prisma.DbNull : (body as Prisma.InputJsonValue) } });
}

/** Frees a key whose request failed on our side, so that a retry runs again. */
export async function releaseIdempotencyKey(ctx: Context, key: string): Promise<void> {
  await ctx.db.idempotencyKey.deleteMany({ where: { userId: ctx.actor.userId, key, status: null } });
}
