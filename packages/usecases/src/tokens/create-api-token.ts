import { domainError, parseInput, TokenCreate } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { withSecret } from "../secret-result";
import { toTokenDto } from "./token-dto";
import { newTokenSecret } from "./token-secret";

/**
 * Creates a personal API token for the actor. The secret is in the result and nowhere else; the result
 * is marked withSecret, so the API never caches it for Idempotency-Key replays.
 * The operator CLI may give an exact lifetime (`ttlMs`, e.g. "12h") finer than whole days.
 * A bearer token cannot mint tokens (403, as GitHub's fine-grained tokens cannot): a leaked token must not
 * outlive its own expiry or revocation through children. Nor can a session still on a bootstrap password
 * (403 `password_change_required`).
 */
export async function createApiToken(ctx: Context, input: unknown, opts: { via?: "portal" | "cli"; ttlMs?: number } = {}) {
  if (ctx.credential?.kind === "token") throw domainError("token_cannot_create_tokens");
  if (ctx.actor.mustChangePassword) throw passwordChangeRequired();
  const { name, expiresInDays } = parseInput(TokenCreate, input);
  const { token, prefix, tokenHash } = newTokenSecret();
  return mutation(ctx, async (tx, audit) => {
    const row = await tx.apiToken.create({
      data: { userId: ctx.actor.userId, name, prefix, tokenHash, expiresAt: new Date(Date.now() + (opts.ttlMs ?? expiresInDays * 86_400_000)) },
    });
    const dto = toTokenDto(row);
    await audit({ action: "token.create", targetType: "token", targetId: row.id, targetName: name, after: { ...dto, via: opts.via ?? "portal" } });
    return withSecret({ ...dto, token });
  });
}

/** 403 for a user who must replace a bootstrap password first. */
export const passwordChangeRequired = () => domainError("password_change_required");
