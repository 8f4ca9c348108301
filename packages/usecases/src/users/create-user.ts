import { canManageUsers, domainError, parseInput, UserCreate } from "@capstan/domain";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { assertStrongPassword } from "./password-policy";
import { hashPassword } from "./passwords";
import { toUserDto } from "./user-dto";

/**
 * Creates an account that signs in with a password (OIDC accounts are created on first sign-in).
 * 422 `password` when it is common, breached or easy to guess (password-policy.ts).
 */
export async function createUser(ctx: Context, input: unknown) {
  if (!canManageUsers(ctx.actor)) throw domainError("forbidden_create_account");
  const { password, ...data } = parseInput(UserCreate, input);
  assertStrongPassword(password, [data.email, data.name]);
  const passwordHash = await hashPassword(password);
  return mutation(ctx, async (tx, audit) => {
    const user = toUserDto(await tx.user.create({ data: { ...data, passwordHash } }));
    await audit({ action: "user.create", targetType: "user", targetId: user.email, targetName: user.name, after: user });
    return user;
  });
}
