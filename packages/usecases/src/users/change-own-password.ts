import { domainError, fieldError, parseInput, PasswordChange } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { revokeUserSessions } from "../sessions/sessions";
import { assertStrongPassword } from "./password-policy";
import { hashPassword, verifyPassword } from "./passwords";
import { assertNotThrottled, DEFAULT_THROTTLE, recordFailure, recordSuccess } from "./sign-in-throttle";

/**
 * The actor changes their own password, proving it with the current one (422 `currentPassword` when wrong;
 * wrong guesses count towards the account's sign-in throttle). Clears a bootstrap password's must-change
 * flag and ends every other session of the user; the session asking stays signed in. API tokens are kept.
 */
export async function changeOwnPassword(ctx: Context, input: unknown) {
  const { currentPassword, newPassword } = parseInput(PasswordChange, input);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: ctx.actor.userId } });
  if (user.passwordHash === null) throw domainError("password_managed_by_sso");
  await assertNotThrottled(ctx.db, user.email, null, DEFAULT_THROTTLE);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    await recordFailure(ctx.db, user.email, null, DEFAULT_THROTTLE);
    throw domainError("current_password_wrong", {}, { currentPassword: fieldError("password_wrong") });
  }
  await recordSuccess(ctx.db, user.email, DEFAULT_THROTTLE);
  if (newPassword === currentPassword) throw domainError("new_password_same", {}, { newPassword: fieldError("password_unchanged") });
  assertStrongPassword(newPassword, [user.email, user.name], "newPassword");
  const passwordHash = await hashPassword(newPassword);
  const keep = ctx.credential?.kind === "session" ? ctx.credential.sessionId : undefined;
  return mutation(ctx, async (tx, audit) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false, version: { increment: 1 } } });
    const sessionsEnded = await revokeUserSessions(tx, user.id, keep);
    await audit({
      action: "user.password-change",
      targetType: "user",
      targetId: user.email,
      targetName: user.name,
      after: { sessionsEnded, wasBootstrap: user.mustChangePassword },
    });
    return { sessionsEnded };
  });
}
