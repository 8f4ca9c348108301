// Pages as a person gets them: the built portal (`next start`, as `npm start` runs it) on the bench's
// database, Debian's Chromium with the e2e flags, Largest Contentful Paint from a PerformanceObserver
// and the bytes of HTML, RSC and JSON the page received.
import { spawn } from "node:child_process";
import path from "node:path";
import { chromium, type Page, type Response } from "@playwright/test";
import e2e from "../../playwright.config";
import { ensurePortalBuilt } from "../../scripts/lib/portal-build";

const root = path.resolve(import.meta.dirname, "../..");

/** Starts the built portal on `port` (building it first when its sources changed, as `npm start` does). */
export async function startPortal(env: Record<string, string>, port: number) {
  if (!(await ensurePortalBuilt(process.env))) throw new Error("the portal did not build");
  const server = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: path.join(root, "apps/portal"),
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  const url = `http://localhost:${port}`;
  for (let i = 0; ; i++) {
    if (
      await fetch(`${url}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 120 || server.exitCode !== null) throw new Error("the portal did not start (is it built? npm run build -w @capstan/portal)");
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, stop: () => new Promise((r) => (server.once("exit", r), server.kill("SIGTERM"))) };
}

export interface PageLoad {
  lcpMs: number;
  /** Decoded bytes by kind: document (HTML), data (RSC payloads and JSON), script. */
  bytes: { document: number; data: number; script: number };
}

async function load(page: Page, url: string): Promise<PageLoad> {
  const bytes = { document: 0, data: 0, script: 0 };
  const pending: Promise<void>[] = [];
  const onResponse = (r: Response) => {
    const type = r.request().resourceType();
    const kind = type === "document" ? "document" : type === "fetch" || type === "xhr" ? "data" : type === "script" ? "script" : undefined;
    if (kind)
      pending.push(
        r.body().then(
          (b) => void (bytes[kind] += b.length),
          () => undefined,
        ),
      );
  };
  page.on("response", onResponse);
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(500); // LCP is reported after the paint that follows load
  const lcpMs = await page.evaluate(() => (window as unknown as { __lcp: number }).__lcp);
  page.off("response", onResponse);
  await Promise.all(pending);
  return { lcpMs, bytes };
}

/** Signs in once, then loads each path `runs` times (cold caches on the first run only). */
export async function measurePages(baseUrl: string, who: { email: string; password: string }, paths: string[], runs: number) {
  const browser = await chromium.launch(e2e.use?.launchOptions);
  try {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 } });
    await context.addInitScript(() => {
      const w = window as unknown as { __lcp: number };
      w.__lcp = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__lcp = e.startTime;
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(who.email);
    await page.getByLabel("Password").fill(who.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("current-user").waitFor();
    const results = new Map<string, PageLoad[]>();
    for (const p of paths) {
      const loads: PageLoad[] = [];
      for (let i = 0; i < runs; i++) loads.push(await load(page, p));
      results.set(p, loads);
    }
    return results;
  } finally {
    await browser.close();
  }
}
