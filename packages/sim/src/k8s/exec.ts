// `pods/{name}/exec` over WebSocket, as the kubelet answers it behind kube-apiserver: the Kubernetes remote
// command protocol (k8s.io/apimachinery/pkg/util/remotecommand, KEP-4006). Every binary message starts with
// a channel byte: 0 stdin, 1 stdout, 2 stderr, 3 error (the final metav1.Status as JSON), 4 resize
// ({"Width","Height"} JSON); `v5.channel.k8s.io` adds 255 (close: [255, channel], the client closing stdin).
// `v4.channel.k8s.io` is the fallback (stdin ends only with the connection). The process behind it is the
// simulated shell (shell.ts). SPDY, which kubectl < 1.31 uses, is not served: kubectl 1.31+ speaks
// WebSocket first and falls back to SPDY only when the upgrade fails.
import type http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Store } from "./store.js";
import type { Pod } from "./objects.js";
import { SimShell } from "./shell.js";

/** Subprotocols served, most preferred first. */
export const EXEC_PROTOCOLS = ["v5.channel.k8s.io", "v4.channel.k8s.io"] as const;

const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;
const EXEC_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec\/?$/;

const wss = new WebSocketServer({
  noServer: true,
  perMessageDeflate: false,
  handleProtocols: (offered: Set<string>) => EXEC_PROTOCOLS.find((p) => offered.has(p)) ?? false,
});

/** Whether a request is for exec (the only upgrade the simulated API server answers). */
export const isExecPath = (url: string): boolean => EXEC_PATH.test(new URL(url, "http://x").pathname);

/** The final status on channel 3, as the kubelet writes it (remotecommand's errorStream). */
export function exitStatus(code: number, command: string[]): object {
  if (code === 0) return { metadata: {}, status: "Success" };
  return {
    metadata: {},
    status: "Failure",
    message: `command terminated with non-zero exit code: error executing command [${command.join(" ")}], exit code ${code}`,
    reason: "NonZeroExitCode",
    details: { causes: [{ reason: "ExitCode", message: String(code) }] },
  };
}

function refuse(socket: Duplex, code: number, reason: string, message: string) {
  const body = JSON.stringify({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code });
  socket.end(`HTTP/1.1 ${code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/**
 * Answers an upgrade request (the API server's "upgrade" event). Refuses with a Status: 401 without the
 * cluster's token, 404 for a path other than exec or a missing pod or container, 400 for a pod not running,
 * no command, or neither v5 nor v4 offered. Query parameters as kubectl sends them: `command` (repeated),
 * `container` (the first container when absent), `stdin`, `stdout`, `stderr`, `tty`.
 */
export function handleExecUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer, o: { store: Store; token: string }): void {
  const url = new URL(req.url ?? "/", "http://x");
  const m = EXEC_PATH.exec(url.pathname);
  if (req.headers.authorization !== `Bearer ${o.token}`) return refuse(socket, 401, "Unauthorized", "Unauthorized");
  if (!m) return refuse(socket, 404, "NotFound", "the server could not find the requested resource");
  const [ns, name] = [decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)];
  const pod: Pod | undefined = o.store.get("pods", ns, name);
  if (!pod) return refuse(socket, 404, "NotFound", `pods "${name}" not found`);
  const q = url.searchParams;
  const containers = pod.spec.containers ?? [];
  const containerName = q.get("container") || containers[0]?.name;
  const container = containers.find((c) => c.name === containerName);
  if (!container) return refuse(socket, 400, "BadRequest", `container ${containerName} is not valid for pod ${name}`);
  if (pod.status?.phase !== "Running") return refuse(socket, 400, "BadRequest", `unable to upgrade connection: container not found ("${container.name}")`);
  const command = q.getAll("command");
  if (command.length === 0) return refuse(socket, 400, "BadRequest", "you must specify at least 1 command");
  const offered = String(req.headers["sec-websocket-protocol"] ?? "")
    .split(",")
    .map((s) => s.trim());
  const protocol = EXEC_PROTOCOLS.find((p) => offered.includes(p));
  if (!protocol || String(req.headers.upgrade ?? "").toLowerCase() !== "websocket")
    return refuse(socket, 400, "BadRequest", `unable to upgrade: the simulator speaks WebSocket ${EXEC_PROTOCOLS.join(" or ")} only`);
  const flag = (k: string) => q.get(k) === "true" || q.get(k) === "1";
  const tty = flag("tty");
  wss.handleUpgrade(req, socket, head, (ws) => {
    run(ws, protocol, command, {
      stdout: flag("stdout"),
      stderr: flag("stderr") && !tty,
      shell: {
        hostname: pod.spec.hostname ?? name,
        namespace: ns,
        container: container.name,
        env: Object.fromEntries((container.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value!])),
        tty,
      },
    });
  });
}

function run(ws: WebSocket, protocol: string, command: string[], o: { stdout: boolean; stderr: boolean; shell: ConstructorParameters<typeof SimShell>[0] }) {
  const send = (channel: number, data: string | Buffer) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(data)]));
  };
  const shell = new SimShell(o.shell, {
    stdout: (s) => o.stdout && send(CHANNEL.stdout, s),
    stderr: (s) => o.stderr && send(CHANNEL.stderr, s),
    exit: (code) => {
      send(CHANNEL.error, JSON.stringify(exitStatus(code, command)));
      ws.close(1000);
    },
  });
  ws.on("message", (data: Buffer, isBinary) => {
    const buf = isBinary ? data : Buffer.from(data.toString("utf8"), "utf8");
    if (buf.length === 0) return;
    const channel = buf[0];
    if (channel === CHANNEL.stdin) shell.input(buf.subarray(1));
    else if (channel === CHANNEL.close && protocol === "v5.channel.k8s.io" && buf[1] === CHANNEL.stdin) shell.closeInput();
    // resize (4) changes nothing the simulated shell draws
  });
  ws.on("close", () => shell.kill());
  ws.on("error", () => shell.kill());
  shell.start(command);
}
