/** How long a browser session may last: an absolute lifetime from sign-in and an idle timeout, in ms. */
export interface SessionSettings {
  maxAgeMs: number;
  idleMs: number;
}

/**
 * Reads `CAPSTAN_SESSION_MAX_HOURS` (absolute lifetime, default 12, as OWASP ASVS 3.3.2 allows for
 * L2 with re-authentication) and `CAPSTAN_SESSION_IDLE_MINUTES` (idle timeout, default 60). Throws on
 * a value that is not a positive number, so a typo cannot silently mean "forever".
 */
export function sessionSettings(env: Record<string, string | undefined> = process.env): SessionSettings {
  return { maxAgeMs: positive(env, "CAPSTAN_SESSION_MAX_HOURS", 12) * 3_600_000, idleMs: positive(env, "CAPSTAN_SESSION_IDLE_MINUTES", 60) * 60_000 };
}

function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${raw}".`);
  return n;
}
