// Checks made once when the portal's Node.js server starts (from instrumentation.ts), before it serves.
import { authSecretAdvice, authSecretProblem, OidcConfigError, oidcSettingsFromEnv } from "@capstan/domain";

/**
 * Exits with status 1 on a missing, placeholder or short AUTH_SECRET: with a known secret anyone can forge
 * a session cookie for any user. scripts/start.ts checks the same first; this covers `next start` alone.
 */
export function refuseGuessableAuthSecret(): void {
  const problem = authSecretProblem(process.env.AUTH_SECRET);
  if (problem) {
    console.error(`Capstan refuses to start: ${authSecretAdvice(problem)}`);
    process.exit(1);
  }
}

/**
 * Exits with status 1 when the single sign-on settings (CAPSTAN_OIDC_*) are unusable, e.g. a role map that
 * does not parse: starting would refuse every single sign-on, or grant roles nobody meant.
 */
export function refuseBadOidcSettings(): void {
  try {
    oidcSettingsFromEnv(process.env);
  } catch (e) {
    if (!(e instanceof OidcConfigError)) throw e;
    console.error(`Capstan refuses to start: ${e.message} (docs/security/oidc.md).`);
    process.exit(1);
  }
}
