// An HTTP server that drains on SIGTERM, as Kubernetes stops a pod: it sends SIGTERM, waits up to
// terminationGracePeriodSeconds (30 s by default), then SIGKILLs. The portal's production process
// (apps/portal/server.ts) runs Next's request handler in it. No Next import here, so the draining can be
// tested with any handler (graceful-server.test.ts).
import http from "node:http";
import type { AddressInfo } from "node:net";

/** Handles one request; may resolve before or after the response ends (Next's resolves when it has piped it). */
export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

export interface GracefulOptions {
  port: number;
  /** Interface to listen on; undefined listens on every interface, as `next start` does. */
  host?: string;
  /** The whole shutdown's budget in seconds: in-flight requests still running then are cut and the process exits. */
  graceSeconds: number;
  /**
   * Whether a request is a long-lived stream (a followed log), which would never end by itself: streams
   * get `streamMomentMs` to finish, then their connections are ended (which aborts the request's signal,
   * so the stream's cluster requests stop and its lease is freed), and `streamMomentMs` more to clean up.
   */
  isStream: (req: http.IncomingMessage) => boolean;
  /** Milliseconds (default 2,000). */
  streamMomentMs?: number;
  log?: (msg: string) => void;
  /** Called once drained or at the deadline; default process.exit(0). */
  exit?: (code: number) => void;
  /** Whether SIGTERM and SIGINT start the drain (default true; tests call `shutdown` themselves). */
  handleSignals?: boolean;
}

export interface GracefulServer {
  server: http.Server;
  /** The port listened on (useful with port 0). */
  port: number;
  /** Starts the drain (SIGTERM and SIGINT call it); resolves once drained or at the deadline, after calling `exit`. */
  shutdown(): Promise<void>;
}

interface InFlight {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  done: Promise<void>;
}

/** Listens on `port` with `handler`, and drains on SIGTERM/SIGINT within `graceSeconds` before exiting 0. */
export async function serveGracefully(handler: Handler, opts: GracefulOptions): Promise<GracefulServer> {
  const log = opts.log ?? ((msg: string) => console.log(`[portal] ${msg}`));
  const moment = opts.streamMomentMs ?? 2_000;
  const inFlight = new Set<InFlight>();
  let draining = false;

  const server = http.createServer((req, res) => {
    // A request on a kept-alive connection after the drain began is still answered, then the connection closes.
    if (draining) res.shouldKeepAlive = false;
    let settled!: () => void;
    const handled = new Promise<void>((resolve) => (settled = resolve));
    const closed = new Promise<void>((resolve) => res.once("close", resolve));
    const entry: InFlight = { req, res, done: Promise.all([handled, closed]).then(() => undefined) };
    inFlight.add(entry);
    void entry.done.then(() => {
      inFlight.delete(entry);
      // Its connection is idle now; while draining nothing more may arrive on it.
      if (draining) server.closeIdleConnections();
    });
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((e: Error) => {
        log(`request failed: ${e.message}`);
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      })
      .finally(settled);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  let drained: Promise<void> | undefined;
  const drain = async () => {
    draining = true;
    const deadline = new Promise<"deadline">((resolve) => setTimeout(() => resolve("deadline"), opts.graceSeconds * 1000).unref());
    log(`SIGTERM: draining ${inFlight.size} request(s) within ${opts.graceSeconds} s`);
    // No new connections; idle kept-alive ones close now, busy ones once their response ends.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    for (const r of inFlight) if (!r.res.headersSent) r.res.shouldKeepAlive = false;
    const streams = [...inFlight].filter((r) => opts.isStream(r.req));
    if (streams.length > 0) {
      await Promise.race([Promise.all(streams.map((r) => r.done)), sleep(moment), deadline]);
      const open = streams.filter((r) => inFlight.has(r));
      if (open.length > 0) log(`ending ${open.length} stream(s)`);
      for (const r of open) r.res.destroy();
      await Promise.race([Promise.all(open.map((r) => r.done)), sleep(moment), deadline]);
    }
    const result = await Promise.race([Promise.all([...inFlight].map((r) => r.done)).then(() => closed), deadline]);
    if (result === "deadline") {
      log(`${inFlight.size} request(s) still running at the deadline: cut`);
      server.closeAllConnections();
    } else log("drained");
  };
  const shutdown = () => {
    drained ??= drain().then(() => (opts.exit ?? ((code: number) => process.exit(code)))(0));
    return drained;
  };
  if (opts.handleSignals ?? true) {
    process.once("SIGTERM", () => void shutdown());
    process.once("SIGINT", () => void shutdown());
  }
  return { server, port, shutdown };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
