// Runs once when the portal's server starts (Next.js instrumentation), before it serves a request.
// Node-only checks are imported only in the Node.js runtime, as Next.js's instrumentation docs advise.

/** Refuses to start with a guessable AUTH_SECRET or unusable single sign-on settings (lib/server/startup-checks.ts). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const checks = await import("./lib/server/startup-checks");
  checks.refuseGuessableAuthSecret();
  checks.refuseBadOidcSettings();
}
