// The WebSocket gateway beside the portal (docs/terminal.md). Next.js route handlers cannot upgrade a
// connection, so browsers' terminals come here: `GET /terminal?ticket=…` with a ticket the portal issued
// (POST …/pods/{pod}/terminal-ticket). The ticket lives in PostgreSQL, so any replica redeems it: no sticky
// sessions. The browser speaks the same channel framing as Kubernetes (byte 0: 0 stdin, 4 resize; from the
// gateway 1 stdout, 2 stderr, 3 the final status), which the gateway relays to and from the cluster's exec.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { Db } from "@capstan/db";
import { secrets } from "@capstan/db/secrets";
import { endTerminalSession, redeemTerminalTicket, type TerminalEndReason, type TerminalTarget } from "@capstan/usecases/internal";
import { loggedDetail } from "@capstan/orchestrator";
import WebSocket, { WebSocketServer } from "ws";
import { openClusterExec } from "./cluster-exec";

const STDIN = 0;
const RESIZE = 4;
const CLOSE = 255;

/** WebSocket close codes the browser acts on: 4000 ended for idleness (no reconnect), 4001 the cluster failed. */
export const CLOSE_IDLE = 4000;
export const CLOSE_CLUSTER_FAILED = 4001;

export interface GatewayOptions {
  db: Db;
  /** TCP port (0: any free one) and address to listen on. */
  port: number;
  host?: string;
  /** A session with no input for this long is closed (CAPSTAN_TERMINAL_IDLE_SECONDS; 30 min). */
  idleMs?: number;
  /**
   * Pings both sides this often (20 s): proxies and load balancers drop connections silent for 60 s (nginx's
   * proxy_read_timeout, AWS ALB's idle timeout), and a browser that stopped answering is found and ended.
   */
  pingMs?: number;
}

export interface Gateway {
  port: number;
  /** Stops listening and ends every session (1001, so browsers reconnect to another replica). */
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: number, text: string) {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}

/** Starts the gateway; resolves once it listens. */
export async function startGateway(o: GatewayOptions): Promise<Gateway> {
  const idleMs = o.idleMs ?? 30 * 60_000;
  const pingMs = o.pingMs ?? 20_000;
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1 << 20 });
  const sessions = new Set<() => void>();
  const server = http.createServer((req, res) => {
    if (req.url === "/healthz") return void res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
    res.writeHead(426, { "Content-Type": "text/plain", Upgrade: "websocket" }).end("WebSocket only: GET /terminal?ticket=… with Upgrade: websocket");
  });
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://x");
    const ticket = url.searchParams.get("ticket");
    if (url.pathname !== "/terminal") return refuse(socket, 404, "Not Found");
    if (!ticket) return refuse(socket, 401, "Unauthorized");
    socket.on("error", () => undefined);
    void redeemTerminalTicket(o.db, ticket).then(
      (target) => {
        if (target === "invalid") return refuse(socket, 401, "Unauthorized");
        if (target === "forbidden") return refuse(socket, 403, "Forbidden");
        wss.handleUpgrade(req, socket, head, (browser) => relay(browser, target));
      },
      (e: unknown) => {
        console.error(`[gateway] redeeming a ticket failed: ${loggedDetail(e)}`);
        refuse(socket, 500, "Internal Server Error");
      },
    );
  });

  function relay(browser: WebSocket, target: TerminalTarget) {
    let bytesIn = 0;
    let bytesOut = 0;
    let ended = false;
    let cluster: WebSocket | undefined;
    const pending: Buffer[] = [];
    let lastInput = Date.now();
    let browserAlive = true;

    const end = (reason: TerminalEndReason, code: number, why: string) => {
      if (ended) return;
      ended = true;
      clearInterval(timer);
      sessions.delete(shutdown);
      if (browser.readyState === WebSocket.OPEN) browser.close(code, why);
      cluster?.close();
      void endTerminalSession(o.db, target.sessionId, { bytesIn, bytesOut, reason }).catch((e: unknown) =>
        console.error(`[gateway] recording the end of session ${target.sessionId} failed: ${loggedDetail(e)}`),
      );
    };
    const shutdown = () => end("client", 1001, "gateway stopping");
    sessions.add(shutdown);

    const timer = setInterval(
      () => {
        if (Date.now() - lastInput >= idleMs) return end("idle", CLOSE_IDLE, "idle");
        if (!browserAlive) return end("client", 1001, "no pong");
        browserAlive = false;
        browser.ping();
        cluster?.ping();
      },
      Math.min(pingMs, idleMs),
    );
    browser.on("pong", () => (browserAlive = true));

    browser.on("message", (data: Buffer, isBinary) => {
      const frame = isBinary ? data : Buffer.from(data.toString("utf8"));
      const channel = frame[0];
      // Only stdin and resize pass: the browser cannot speak for the cluster's other channels.
      if (channel !== STDIN && channel !== RESIZE) return;
      if (channel === STDIN) {
        bytesIn += frame.length - 1;
        lastInput = Date.now();
      }
      if (cluster?.readyState === WebSocket.OPEN) cluster.send(frame);
      else pending.push(frame);
    });
    browser.on("close", () => end("client", 1000, "closed"));
    browser.on("error", () => end("client", 1000, "closed"));

    let kubeconfig: string;
    try {
      kubeconfig = secrets().open(target.kubeconfigEnc);
    } catch (e) {
      console.error(`[gateway] the kubeconfig of cluster ${target.clusterId} could not be opened: ${loggedDetail(e)}`);
      return end("error", CLOSE_CLUSTER_FAILED, "cluster unavailable");
    }
    openClusterExec(kubeconfig, target).then(
      (ws) => {
        cluster = ws;
        if (ended) return ws.close();
        for (const f of pending.splice(0)) ws.send(f);
        ws.on("message", (data: Buffer) => {
          if (data.length === 0 || data[0] === CLOSE) return;
          if (data[0] === 1 || data[0] === 2) bytesOut += data.length - 1;
          if (browser.readyState === WebSocket.OPEN) browser.send(data);
        });
        ws.on("close", () => end("exit", 1000, "exited"));
        ws.on("error", (e) => {
          console.error(`[gateway] exec in ${target.namespace}/${target.pod} failed: ${loggedDetail(e)}`);
          end("error", CLOSE_CLUSTER_FAILED, "cluster connection failed");
        });
      },
      (e: unknown) => {
        console.error(`[gateway] exec in ${target.namespace}/${target.pod} could not start: ${loggedDetail(e)}`);
        end("error", CLOSE_CLUSTER_FAILED, "cluster connection failed");
      },
    );
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      for (const s of [...sessions]) s();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
