// Logs (docs/logs.md; `npm run bench -- observability`):
// 1. first log line after opening a stream (target ≤ 300 ms): the portal's use case (groupLogs, which its
//    logs route streams) → the cluster's pods/log of the simulator in its own process, as the viewer opens
//    it (follow, timestamps, a tail); timed from the call to the first whole line read from the stream,
//    for one pod and for ten pods merged;
// 2. a 100,000-line log in the viewer, in Chromium (targets ≤ 1 s to render, median frame ≤ 16 ms while
//    scrolling): the portal's LogViewer component (apps/portal/bench/log-viewer-page.tsx, bundled with the
//    portal's Tailwind CSS) reading 100,000 lines from a local server as the logs route sends them; beside
//    it, the floor: the same lines fetched and split in the page with no viewer.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import tailwind from "@tailwindcss/postcss";
import { secrets } from "@capstan/db/secrets";
import { groupLogs } from "@capstan/usecases";
import { loadActor } from "@capstan/usecases/internal";
import * as k8s from "@kubernetes/client-node";
import { chromium } from "@playwright/test";
import * as esbuild from "esbuild";
import postcss from "postcss";
import { benchDatabase } from "./database";
import { loadNote } from "./load";
import { startSimProcess } from "./sim-process";

process.env.CAPSTAN_SECRET_KEY ??= Buffer.alloc(32, 7).toString("base64");
process.env.CAPSTAN_LOG_STREAMS_PER_USER ??= "100";
const root = path.resolve(import.meta.dirname, "..");
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!.toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function firstLine() {
  const PODS = 10,
    RUNS = 20;
  const { db, stop } = await benchDatabase();
  const sim = await startSimProcess({ dataCentres: 1, nodes: 4, timings: { startMs: 0, probeScale: 0 } });
  try {
    const cluster = sim.dataCentres[0]!.clusters[0]!;
    // The rows a log read needs, made directly (as bench/observability-terminal.bench.ts): a group and its pods.
    const dept = await db.department.create({ data: { name: "retail", displayName: "Retail" } });
    const system = await db.system.create({ data: { name: "shop", displayName: "Shop", departmentId: dept.id } });
    const app = await db.application.create({ data: { systemId: system.id, name: "storefront", displayName: "Storefront" } });
    const dc = await db.dataCentre.create({
      data: { name: "dc1", displayName: "DC1", region: "r", harborUrl: "http://h", harborUsername: "u", harborPasswordEnc: Buffer.from("x") },
    });
    const row = await db.cluster.create({
      data: { name: "dc1-c1", dataCentreId: dc.id, apiEndpoint: "sim", kubeconfigEnc: secrets().seal(cluster.kubeconfig) },
    });
    const group = await db.group.create({
      data: { applicationId: app.id, name: "web", dataCentreId: dc.id, clusterId: row.id, imageTag: "1.0", replicas: PODS, cpuMillis: 50, memoryMiB: 64 },
    });
    const user = await db.user.create({ data: { email: "dev@capstan.test", name: "Dev", platformRole: "PLATFORM_ADMIN" } });
    const kc = new k8s.KubeConfig();
    kc.loadFromString(cluster.kubeconfig);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: "shop" } } });
    const names = Array.from({ length: PODS }, (_, i) => `web-${i}`);
    for (const name of names)
      await core.createNamespacedPod({ namespace: "shop", body: { metadata: { name }, spec: { containers: [{ name: "storefront", image: "x" }] } } });
    for (const name of names) {
      for (let i = 0; !(await core.readNamespacedPodLog({ namespace: "shop", name, tailLines: 1 }).catch(() => "")); i++) {
        if (i > 300) throw new Error(`${name} wrote no log line`);
        await sleep(100);
      }
      await db.pod.create({ data: { clusterId: row.id, namespace: "shop", name, uid: name, groupId: group.id, phase: "Running", ready: true } });
    }
    const ctx = { db, actor: await loadActor(db, user.id) };
    for (const [label, pod] of [
      ["one pod", "web-0"],
      [`${PODS} pods merged`, undefined],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const stream = await groupLogs(ctx, "shop", "storefront", "web", { follow: "true", timestamps: "true", tailLines: "1000", ...(pod ? { pod } : {}) });
        const reader = stream.getReader();
        const decoder = new TextDecoder();
        for (let text = ""; !text.includes("\n"); ) {
          const { done, value } = await reader.read();
          if (done) throw new Error("the stream ended before its first line");
          text += decoder.decode(value, { stream: true });
        }
        times.push(performance.now() - t0);
        await reader.cancel();
      }
      console.log(
        `first log line after opening a stream (follow, tail 1000, ${label}; use case → simulator in its own process), ${RUNS} opens: median ${pct(times, 50)} ms, p95 ${pct(times, 95)} ms (target ≤ 300 ms); ${loadNote()}`,
      );
    }
  } finally {
    await sim.stop();
    await db.$disconnect();
    await stop();
  }
}

/** Serves the viewer's page, its script and CSS, the group (no pods) and a log of `lines` lines. */
async function viewerServer(lines: number) {
  const portal = path.join(root, "apps/portal");
  const js = await esbuild.build({
    entryPoints: [path.join(portal, "bench/log-viewer-page.tsx")],
    bundle: true,
    write: false,
    format: "esm",
    minify: true,
    jsx: "automatic",
    tsconfig: path.join(portal, "tsconfig.json"),
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "error",
  });
  const cssFrom = path.join(portal, "app/globals.css");
  const css = await postcss([tailwind({ base: portal })]).process(fs.readFileSync(cssFrom, "utf8"), { from: cssFrom });
  // lines as the logs route sends a merged read with timestamps: "<pod> <RFC 3339> <text>"
  const start = Date.UTC(2026, 10, 30, 8, 0, 0);
  const log = Buffer.from(
    Array.from(
      { length: lines },
      (_, i) =>
        `web-${i % 10} ${new Date(start + i * 10).toISOString()} ${i % 7 === 0 ? "WARN" : "INFO"} GET /api/orders/${i} 200 ${(i * 37) % 900} ms user=${i % 131} trace=${(i * 2654435761) % 4294967296}\n`,
    ).join(""),
  );
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>${css.css}</style></head><body><div id="root"></div><script type="module" src="/page.js"></script></body></html>`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, "http://x");
    if (url.pathname === "/") res.writeHead(200, { "content-type": "text/html" }).end(page);
    else if (url.pathname === "/page.js") res.writeHead(200, { "content-type": "text/javascript" }).end(js.outputFiles[0]!.contents);
    else if (url.pathname === "/g") res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ name: "web", pods: [] }));
    else if (url.pathname === "/g/logs") {
      // streamed in 64 KiB chunks, as a follow read's lines arrive; then held open, as follow is
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
      for (let i = 0; i < log.length; i += 65_536) res.write(log.subarray(i, i + 65_536));
      req.once("close", () => res.end());
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

async function viewer() {
  const LINES = 100_000,
    FRAMES = 300;
  const server = await viewerServer(LINES);
  // Frames unthrottled (no vsync, no 60 Hz cap): a frame's time is then the work it took, not the display's beat.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-gpu-vsync", "--disable-frame-rate-limit"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // tsx names the functions below with a helper of its own, which the page must have too; the log
    // request's start is noted as it is made (a stream held open has no resource timing entry yet)
    await page.addInitScript({
      content: `window.__name = (f) => f;
        const f = window.fetch;
        window.fetch = (u, o) => { if (String(u).includes("/logs")) window.__logsAt = performance.now(); return f(u, o); };`,
    });
    await page.goto(server.url);
    // render: from the log request's start to the frame after all lines are counted and rows are on screen
    const renderMs = await page.evaluate(
      (lines) =>
        new Promise<number>((resolve) => {
          const label = `${lines} lines`; // the viewer's count, "{count} lines"
          const tick = () => {
            const rows = document.querySelectorAll("[data-testid=log-lines] [data-index]").length;
            if (rows > 0 && document.body.textContent!.includes(label)) {
              const at = (window as unknown as { __logsAt: number }).__logsAt;
              requestAnimationFrame(() => resolve(performance.now() - at));
            } else requestAnimationFrame(tick);
          };
          tick();
        }),
      LINES,
    );
    // scrolling: up from the newest line, 600 px (30 lines) a frame, each frame's time from requestAnimationFrame
    const frames = await page.evaluate(
      (n) =>
        new Promise<number[]>((resolve) => {
          const el = document.querySelector<HTMLElement>("[data-testid=log-lines]")!;
          const out: number[] = [];
          let last = performance.now();
          const frame = (now: number) => {
            out.push(now - last);
            last = now;
            el.scrollTop -= 600;
            if (out.length < n) requestAnimationFrame(frame);
            else resolve(out.slice(1));
          };
          el.scrollTop -= 600;
          requestAnimationFrame(frame);
        }),
      FRAMES,
    );
    const shown = await page.locator("[data-testid=log-lines] [data-index]").count();
    // The floor under the render figure: the same 100,000 lines fetched, decoded and their newlines counted
    // in the same page, with no viewer at all (the best of three).
    const floors: number[] = [];
    for (let i = 0; i < 3; i++)
      floors.push(
        await page.evaluate(async (lines) => {
          const t0 = performance.now();
          const reader = (await fetch("/g/logs")).body!.pipeThrough(new TextDecoderStream()).getReader();
          for (let n = 0; n < lines; ) {
            const { value } = await reader.read();
            for (let at = value!.indexOf("\n"); at >= 0; at = value!.indexOf("\n", at + 1)) n++;
          }
          void reader.cancel();
          return performance.now() - t0;
        }, LINES),
      );
    console.log(
      `100,000-line log in the viewer (Chromium ${browser.version()}, the portal's LogViewer): rendered ${renderMs.toFixed(0)} ms after its request started (target ≤ 1 s; the same lines only fetched and split in the page, no viewer: ${Math.min(...floors).toFixed(0)} ms); ${loadNote()}`,
    );
    console.log(
      `  scrolling it (${FRAMES} frames, 600 px each, ${shown} rows in the DOM, frame rate uncapped): median frame ${pct(frames, 50)} ms, p95 ${pct(frames, 95)} ms (target median ≤ 16 ms); ${loadNote()}`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

await firstLine();
await viewer();
