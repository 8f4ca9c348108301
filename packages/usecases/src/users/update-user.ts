import { canManageUsers, domainError, email as emailSchema, fieldError, notFound, parseInput, UserUpdate } from "@capstan/domain";
import type { Context } from "../context";
import { bumpVersion, mutation } from "../mutation";
import { revokeUserSessions } from "../sessions/sessions";
import { assertStrongPassword } from "./password-policy";
import { hashPassword } from "./passwords";
import { toUserDto } from "./user-dto";

/**
 * Renames, disables, resets the password of, or changes the platform role of an account. A password reset
 * or disabling ends every session of the account and revokes its API tokens (whoever held the old password
 * may have made some); 422 `password` for a weak password (password-policy.ts).
 */
export async function updateUser(ctx: Context, email: string, input: unknown) {
  if (!canManageUsers(ctx.actor)) throw domainError("forbidden_change_account");
  const address = parseInput(emailSchema, email);
  const { version, password, ...changes } = parseInput(UserUpdate, input);
  return mutation(ctx, async (tx, audit) => {
    const before = await tx.user.findUnique({ where: { email: address } });
    if (!before) throw notFound("User", address);
    if (password !== undefined) assertStrongPassword(password, [before.email, changes.name ?? before.name]);
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    if (before.id === ctx.actor.userId && (changes.disabled || changes.platformRole !== undefined))
      throw domainError("cannot_change_own_account", {}, { platformRole: fieldError("own_account") });
    await bumpVersion(
      (v) => tx.user.updateMany({ where: { id: before.id, ...v }, data: { ...changes, passwordHash, version: { increment: 1 } } }),
      version,
      "User",
      address,
    );
    const after = toUserDto(await tx.user.findUniqueOrThrow({ where: { id: before.id } }));
    let revoked: { sessions: number; tokens: number } | undefined;
    if (password !== undefined || changes.disabled) {
      const tokens = await tx.apiToken.updateMany({ where: { userId: before.id, revokedAt: null }, data: { revokedAt: new Date() } });
      revoked = { sessions: await revokeUserSessions(tx, before.id), tokens: tokens.count };
    }
    await audit({
      action: "user.update",
      targetType: "user",
      targetId: address,
      targetName: after.name,
      before: toUserDto(before),
      after: { ...after, passwordReset: password !== undefined, revoked },
    });
    return after;
  });
}
