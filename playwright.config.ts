import { defineConfig, devices } from "@playwright/test";

// End-to-end tests in Debian's Chromium against the portal started exactly as `npm start` starts it
// (embedded PostgreSQL, migrations, demo data), in a throw-away CAPSTAN_HOME.
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_HOME = ".capstan-e2e";
/** The SMTP server e2e/notifications.spec.ts runs, which the worker sends notification e-mails to. */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 1000);
/** The worker's built-in DNS server, which e2e/load-balancers.spec.ts asks with dig (npm start's own rule: PORT + 2053). */
export const E2E_DNS_PORT = PORT + 2053;
/**
 * The identity provider e2e/sso.spec.ts runs (e2e/oidc-provider.ts). Every spec's portal is configured for
 * it: the sign-in page then also shows its button, and nothing reaches the provider unless someone presses it.
 */
export const E2E_OIDC = {
  port: PORT + 3000,
  issuer: `http://127.0.0.1:${PORT + 3000}`,
  clientId: "capstan-e2e",
  clientSecret: "e2e-client-secret-not-for-production",
  name: "Test IdP",
  roleMap: "capstan-admins=PLATFORM_ADMIN; capstan-ops=OPS; retail-devs=retail:DEVELOPER; finance-viewers=finance:VIEWER",
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: `node -e "require('fs').rmSync('${E2E_HOME}',{recursive:true,force:true})" && tsx scripts/start.ts`,
    url: `http://localhost:${PORT}/api/v1/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      CAPSTAN_HOME: E2E_HOME,
      CAPSTAN_DB_PORT: "0",
      CAPSTAN_SIM_PORT_BASE: "0",
      CAPSTAN_SIM_NODES: "12",
      PORT: String(PORT),
      CAPSTAN_SMTP_HOST: "127.0.0.1",
      CAPSTAN_SMTP_PORT: String(E2E_SMTP_PORT),
      CAPSTAN_DNS_LISTEN: `127.0.0.1:${E2E_DNS_PORT}`,
      CAPSTAN_OIDC_ISSUER: E2E_OIDC.issuer,
      CAPSTAN_OIDC_CLIENT_ID: E2E_OIDC.clientId,
      CAPSTAN_OIDC_CLIENT_SECRET: E2E_OIDC.clientSecret,
      CAPSTAN_OIDC_NAME: E2E_OIDC.name,
      CAPSTAN_OIDC_SCOPES: "openid email profile groups",
      CAPSTAN_OIDC_ROLE_CLAIM: "groups",
      CAPSTAN_OIDC_ROLE_MAP: E2E_OIDC.roleMap,
    },
  },
});
