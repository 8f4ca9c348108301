import type { ApiToken } from "@capstan/db";

export const toTokenDto = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  expiresAt: t.expiresAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
  createdAt: t.createdAt.toISOString(),
});
export type TokenDto = ReturnType<typeof toTokenDto>;
