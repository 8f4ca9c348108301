// Runs once when the portal's server starts (Next.js instrumentation), before it serves a request.
import { authSecretAdvice, authSecretProblem } from "@capstan/domain";

/**
 * Refuses to serve with a missing, placeholder or short AUTH_SECRET: with a known secret anyone can forge a
 * session cookie for any user. scripts/start.ts checks the same first; this covers `next start` run alone.
 */
export function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const problem = authSecretProblem(process.env.AUTH_SECRET);
  if (problem) {
    console.error(`Capstan refuses to start: ${authSecretAdvice(problem)}`);
    process.exit(1);
  }
}
