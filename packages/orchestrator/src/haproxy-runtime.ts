// Talking to a load balancer's data plane in its pods (docs/load-balancers.md): haproxy's runtime API (weights,
// drain, ready/maint and counters with no reload) and master CLI (a hitless reload), and nginx's status server.
// Pods are reached on their IPs, under the pod policy (outbound.ts: the outbound policy plus
// CAPSTAN_POD_NETWORKS), and every call has a deadline.
import net from "node:net";
import http from "node:http";
import { HAPROXY_MASTER_PORT, HAPROXY_RUNTIME_PORT, NGINX_STATUS_PORT } from "@capstan/domain";
import { parse } from "csv-parse/sync";
import { callTimeoutMs, DeadlineError, requestJson } from "./deadline";
import { deniedRange, guardAgent, OutboundRefused, type OutboundPolicy, podPolicyFromEnv } from "./outbound";

/** One server (pod) of a backend as haproxy's `show stat` reports it. */
export interface HaproxyServerStat {
  /** The backend section (haproxyBackendName). */
  backend: string;
  /** The server: the pod's name. */
  server: string;
  /** As haproxy says: UP, DOWN, DRAIN, MAINT, NOLB, "no check", or a transition such as "UP 1/3". */
  status: string;
  /** The effective weight (0 while draining). */
  weight: number;
  /** Sessions (connections; in HTTP mode, one per client connection) now open to the server. */
  currentSessions: number;
  /** Sessions since the process started (in HTTP mode, requests sent to the server). */
  totalSessions: number;
  /** The last health check's result (L4OK, L7OK, L4CON, L7STS …), or null when the server is not checked. */
  checkStatus: string | null;
}

/** What haproxy answered to a runtime API or master CLI command when it refused it ("No such server." …). */
export class HaproxyRuntimeError extends Error {
  constructor(what: string, answer: string) {
    super(`${what}: haproxy answered "${answer.slice(0, 200)}"`);
    this.name = "HaproxyRuntimeError";
  }
}

/** Names that may go into a command: haproxy's proxy and server name characters (no space, ';' or newline). */
const NAME = /^[A-Za-z0-9._:-]{1,253}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

function checkName(kind: string, name: string): void {
  if (!NAME.test(name)) throw new RangeError(`${kind} ${JSON.stringify(name)} is not a haproxy name`);
}

/** A pod address must be an IP literal the pod policy allows; throws OutboundRefused (or RangeError) otherwise. */
function checkPodAddress(address: string, policy: OutboundPolicy): void {
  if (!net.isIP(address)) throw new RangeError(`${JSON.stringify(address)} is not a pod IP address`);
  const range = deniedRange(address, policy);
  if (range) throw new OutboundRefused(address, address, range);
}

/**
 * Sends one command line to a haproxy CLI (runtime API or master CLI) over TCP and resolves to everything it
 * answers until it closes the connection (the CLI's non-interactive mode: one command, one answer). The
 * deadline covers connect, send and the whole answer; at the deadline the socket is destroyed.
 */
function cliCommand(address: string, port: number, line: string, timeoutMs: number, policy: OutboundPolicy): Promise<string> {
  checkPodAddress(address, policy);
  const what = `haproxy ${address}:${port} "${line}"`;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port });
    let answer = "";
    const timer = setTimeout(() => socket.destroy(new DeadlineError(what, timeoutMs)), timeoutMs);
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.end(`${line}\n`));
    socket.on("data", (c: string) => (answer += c));
    socket.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on("close", (hadError) => {
      clearTimeout(timer);
      if (!hadError) resolve(answer);
    });
  });
}

/** Options of the data-plane clients: the port (default: the kind's, data-plane.ts), the deadline of each call, the policy. */
export interface DataPlaneCallOptions {
  port?: number;
  /** Milliseconds; default CAPSTAN_CALL_TIMEOUT_SECONDS. */
  timeoutMs?: number;
  /** Default: the pod policy of this process (podPolicyFromEnv). */
  policy?: OutboundPolicy;
}

/**
 * haproxy's runtime API (the `stats socket … level admin` the renderer binds on the pod IP, port
 * HAPROXY_RUNTIME_PORT) of one LB pod: changes a server's weight or state and reads counters with no reload
 * (HAProxy 2.6 management guide, "Unix Socket commands"). Each call opens a connection, sends one command and
 * reads the answer under its deadline (DeadlineError); a refused command throws HaproxyRuntimeError, an address
 * the pod policy denies OutboundRefused, before anything is sent.
 */
export class HaproxyRuntime {
  private readonly port: number;
  private readonly timeoutMs: number;
  private readonly policy: OutboundPolicy;

  constructor(
    private readonly address: string,
    opts: DataPlaneCallOptions = {},
  ) {
    this.port = opts.port ?? HAPROXY_RUNTIME_PORT;
    this.timeoutMs = opts.timeoutMs ?? callTimeoutMs();
    this.policy = opts.policy ?? podPolicyFromEnv();
  }

  private send(line: string): Promise<string> {
    return cliCommand(this.address, this.port, line, this.timeoutMs, this.policy);
  }

  /** A command that answers nothing (or a blank line) when it succeeds. */
  private async change(line: string): Promise<void> {
    const answer = (await this.send(line)).trim();
    if (answer) throw new HaproxyRuntimeError(line, answer);
  }

  /** Every server of every backend, from `show stat` (servers only; the FRONTEND/BACKEND rows are left out). */
  async stats(): Promise<HaproxyServerStat[]> {
    // `show stat -1 4 -1`: all proxies, type 4 (servers), all servers.
    const csv = await this.send("show stat -1 4 -1");
    if (!csv.startsWith("# ")) throw new HaproxyRuntimeError("show stat", csv.trim());
    const rows = parse(csv.slice(2), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
    return rows
      .filter((r) => r.svname !== "FRONTEND" && r.svname !== "BACKEND")
      .map((r) => ({
        backend: r.pxname!,
        server: r.svname!,
        status: r.status!,
        weight: Number(r.weight),
        currentSessions: Number(r.scur),
        totalSessions: Number(r.stot),
        checkStatus: r.check_status ? r.check_status.replace(/^\* /, "") : null,
      }));
  }

  /** Sets a server's weight, 0–256 (`set weight <backend>/<server> <weight>`). */
  async setWeight(backend: string, server: string, weight: number): Promise<void> {
    checkName("backend", backend);
    checkName("server", server);
    if (!Number.isInteger(weight) || weight < 0 || weight > 256) throw new RangeError(`weight must be an integer 0–256, not ${weight}`);
    await this.change(`set weight ${backend}/${server} ${weight}`);
  }

  /**
   * Sets a server's administrative state (`set server <backend>/<server> state …`): `ready` takes it back,
   * `drain` sends it no new connections (weight 0; in-flight ones finish, but requests with its sticky cookie
   * still reach it), `maint` sends it nothing new at all (in-flight ones finish too; health checks stop).
   */
  async setState(backend: string, server: string, state: "ready" | "drain" | "maint"): Promise<void> {
    checkName("backend", backend);
    checkName("server", server);
    if (!["ready", "drain", "maint"].includes(state)) throw new RangeError(`unknown server state ${state}`);
    await this.change(`set server ${backend}/${server} state ${state}`);
  }

  /** The value of an environment variable of the running process (`show env`), e.g. CONFIG_HASH_ENV; undefined when unset. */
  async env(name: string): Promise<string | undefined> {
    if (!ENV_NAME.test(name)) throw new RangeError(`${JSON.stringify(name)} is not an environment variable name`);
    const answer = await this.send(`show env ${name}`);
    const prefix = `${name}=`;
    const line = answer.split("\n").find((l) => l.startsWith(prefix));
    return line === undefined ? undefined : line.slice(prefix.length);
  }
}

/** Milliseconds between tries of a master CLI that refused the connection (haproxyMasterReload). */
const MASTER_RETRY_MS = 50;
/** The errors of a master CLI that is re-executing (haproxyMasterReload). */
const MASTER_AWAY = new Set(["ECONNREFUSED", "ECONNRESET"]);

/**
 * Asks haproxy's master (master-worker mode, master CLI on `address`:HAPROXY_MASTER_PORT) to reload: it re-reads
 * the configuration and starts new workers, while old workers finish what is in flight (up to `hard-stop-after`)
 * — a hitless reload. Resolves once the master has taken the command (it closes the connection); the new
 * configuration is in force once the runtime API's `env(CONFIG_HASH_ENV)` shows its hash. A refused or reset
 * connection (the master re-executing for an earlier reload) is tried again until the deadline. Throws DeadlineError,
 * OutboundRefused or HaproxyRuntimeError (the master refused the command) as the runtime API does.
 */
export async function haproxyMasterReload(address: string, opts: DataPlaneCallOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? callTimeoutMs();
  const deadline = Date.now() + timeoutMs;
  let answer: string;
  for (;;) {
    try {
      answer = await cliCommand(address, opts.port ?? HAPROXY_MASTER_PORT, "reload", Math.max(1, deadline - Date.now()), opts.policy ?? podPolicyFromEnv());
      break;
    } catch (e) {
      // The master closes its CLI while it re-executes for a reload (about 120 ms with haproxy 2.6 here), so a
      // reload right after another one finds the port closed, or has its connection reset when the master has
      // not read it yet. Measured here, such a reload is not taken; were it taken, a second reload of the same
      // configuration changes nothing, so trying again is safe.
      if (!MASTER_AWAY.has((e as NodeJS.ErrnoException).code ?? "") || Date.now() + MASTER_RETRY_MS >= deadline) throw e;
      await new Promise((r) => setTimeout(r, MASTER_RETRY_MS));
    }
  }
  // haproxy 2.6 closes the connection as it re-executes; later versions answer "Success=1".
  if (answer.trim() && !/Success=1/.test(answer)) throw new HaproxyRuntimeError("reload", answer.trim());
}

/**
 * An nginx LB pod's status server (NGINX_STATUS_PORT on its IP): the hash of the configuration it runs
 * (`/capstan/config-hash`) and open-source nginx's only counters (`/stub_status`, ngx_http_stub_status_module):
 * active client connections and requests handled since start (this call's own two requests included), for the whole
 * pod, not per backend. Throws DeadlineError, OutboundRefused, or an Error for an answer other than 200.
 */
export async function nginxStatus(
  address: string,
  opts: DataPlaneCallOptions = {},
): Promise<{ configHash: string; activeConnections: number; requests: number }> {
  const policy = opts.policy ?? podPolicyFromEnv();
  checkPodAddress(address, policy);
  const timeoutMs = opts.timeoutMs ?? callTimeoutMs();
  const base = `http://${address.includes(":") ? `[${address}]` : address}:${opts.port ?? NGINX_STATUS_PORT}`;
  const get = async (path: string) => {
    const url = new URL(path, base);
    const answer = await requestJson(
      url,
      { method: "GET", agent: guardAgent(new http.Agent(), url, policy) },
      undefined,
      `nginx ${url.host}${path}`,
      timeoutMs,
    );
    if (answer.status !== 200) throw new Error(`nginx ${url.host}${path} answered ${answer.status}`);
    return answer.text;
  };
  // One after the other, so the counter read second includes both of this call's requests.
  const configHash = await get("/capstan/config-hash");
  const status = await get("/stub_status");
  // "Active connections: 1 \nserver accepts handled requests\n 5 5 7 \nReading: 0 Writing: 1 Waiting: 0 \n"
  const m = /Active connections:\s*(\d+)\s+server accepts handled requests\s+(\d+)\s+(\d+)\s+(\d+)/.exec(status);
  if (!m) throw new Error(`nginx ${address}: /stub_status did not answer as ngx_http_stub_status_module does`);
  return { configHash: configHash.trim(), activeConnections: Number(m[1]), requests: Number(m[4]) };
}
