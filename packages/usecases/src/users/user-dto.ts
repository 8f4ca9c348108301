import type { User } from "@capstan/db";

export const toUserDto = (u: User) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  platformRole: u.platformRole,
  disabled: u.disabled,
  sso: u.passwordHash === null,
  version: u.version,
  createdAt: u.createdAt.toISOString(),
});
export type UserDto = ReturnType<typeof toUserDto>;
