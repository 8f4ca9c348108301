// The worker's HTTP server (docs/observability.md), where CAPSTAN_WORKER_HTTP_LISTEN says (host:port; unset:
// none): GET /metrics (Prometheus text format), GET /livez (the process answers; no database) and
// GET /readyz (the database answers within its deadline and the worker runs; 503 once it is stopping).
// It serves nothing else and changes nothing, so it asks for no credentials: it is on its own port, to be
// reached by the kubelet and Prometheus only (a NetworkPolicy), never published.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "@capstan/db";
import { parseHostPort } from "@capstan/domain";
import { refreshGauges, registry } from "./metrics";

export const WORKER_HTTP_LISTEN_ENV = "CAPSTAN_WORKER_HTTP_LISTEN";

/**
 * Where the worker's HTTP server listens, from CAPSTAN_WORKER_HTTP_LISTEN: null when unset or empty; throws
 * an Error naming the variable and the expected form for anything but host:port (IPv6 in brackets).
 */
export function workerHttpListen(env: Record<string, string | undefined> = process.env): { host: string; port: number } | null {
  const value = env[WORKER_HTTP_LISTEN_ENV];
  if (value === undefined || value.trim() === "") return null;
  const parsed = parseHostPort(value);
  if (!parsed) throw new Error(`${WORKER_HTTP_LISTEN_ENV} must be host:port (e.g. 0.0.0.0:9464 or [::1]:9464), not ${JSON.stringify(value)}`);
  return { host: parsed.address, port: parsed.port };
}

/** Longest /readyz waits for the database's answer before saying not ready. */
const READY_DEADLINE_MS = 2_000;

export interface WorkerHttp {
  /** The address and port it listens on (the port the system chose, when asked for 0). */
  readonly address: string;
  readonly port: number;
  /** From now on /readyz answers 503: the shutdown has begun (call it first thing on SIGTERM). */
  markStopping(): void;
  close(): Promise<void>;
}

/**
 * Starts the server on `listen`. `tasks` are the worker's task identifiers (each gets a queue depth, 0 when
 * none is waiting). Rejects when it cannot listen (the port is taken).
 */
export async function startWorkerHttp(
  db: Db,
  listen: { host: string; port: number },
  opts: { tasks: readonly string[]; log: (msg: string) => void },
): Promise<WorkerHttp> {
  let stopping = false;
  const databaseAnswers = async () => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), READY_DEADLINE_MS)));
    try {
      return await Promise.race([db.$queryRaw`SELECT 1`.then(() => true), deadline]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const answer = (status: number, body: string, type = "text/plain; charset=utf-8") => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return answer(405, "method not allowed\n");
    if (path === "/livez") return answer(200, "ok\n");
    if (path === "/readyz") {
      if (stopping) return answer(503, "stopping\n");
      void databaseAnswers().then((ok) => (stopping ? answer(503, "stopping\n") : ok ? answer(200, "ok\n") : answer(503, "database unreachable\n")));
      return;
    }
    if (path === "/metrics") {
      void refreshGauges(db, opts.tasks, opts.log)
        .then(() => registry.metrics())
        .then(
          (text) => answer(200, text, registry.contentType),
          (e: Error) => answer(500, `metrics failed: ${e.message}\n`),
        );
      return;
    }
    answer(404, "not found: /metrics, /livez and /readyz are served here\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e) =>
      reject(new Error(`the worker's HTTP server could not listen on ${listen.host}:${listen.port} (${WORKER_HTTP_LISTEN_ENV}): ${e.message}`)),
    );
    server.listen(listen.port, listen.host, () => {
      server.removeAllListeners("error");
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  return {
    address: bound.address,
    port: bound.port,
    markStopping: () => void (stopping = true),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
