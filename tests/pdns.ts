// A real PowerDNS (Debian's pdns-server with the sqlite3 backend) for tests: on a loopback address and ephemeral
// ports, with an empty database, its HTTP API on, and no caches (answers change between a test's calls).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const SCHEMA = "/usr/share/doc/pdns-backend-sqlite3/schema.sqlite3.sql";

/** A running pdns_server. */
export interface RunningPowerDns {
  /** Its API's base URL (`http://<host>:<port>`), as a data centre's powerdnsUrl. */
  api: string;
  /** The port it answers DNS on, at `host`. */
  dnsPort: number;
  /** Calls its API as an operator would, with the right key (to make a zone, or someone else's record). */
  operator(method: string, p: string, body?: unknown): Promise<Response>;
  /** Kills it and removes its files. */
  stop(): void;
}

/** A TCP port free on `host` now (the kernel's pick); PowerDNS binds it moments later. */
const freePort = (host: string) =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer().listen(0, host, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });

/**
 * Starts pdns_server on `host` (any 127.x.y.z) with API key `key`, and resolves once its API answers.
 * @throws Error with pdns_server's own output when it does not start within about 10 s.
 */
export async function startPowerDns(host: string, key: string): Promise<RunningPowerDns> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "capstan-pdns-"));
  const db = path.join(dir, "pdns.sqlite3");
  execFileSync("sqlite3", [db], { input: fs.readFileSync(SCHEMA) });
  fs.writeFileSync(path.join(dir, "pdns.conf"), "");
  const [apiPort, dnsPort] = [await freePort(host), await freePort(host)];
  const api = `http://${host}:${apiPort}`;
  const pdns: ChildProcess = spawn(
    "/usr/sbin/pdns_server",
    [
      "--launch=gsqlite3",
      `--gsqlite3-database=${db}`,
      "--api=yes",
      `--api-key=${key}`,
      "--webserver=yes",
      `--webserver-address=${host}`,
      `--webserver-port=${apiPort}`,
      `--webserver-allow-from=127.0.0.0/8`,
      `--local-address=${host}`,
      `--local-port=${dnsPort}`,
      `--socket-dir=${dir}`,
      `--config-dir=${dir}`,
      "--guardian=no",
      "--daemon=no",
      "--disable-syslog",
      "--loglevel=3",
      "--cache-ttl=0",
      "--negquery-cache-ttl=0",
      "--query-cache-ttl=0",
      "--zone-cache-refresh-interval=0",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const stop = () => {
    pdns.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  };
  let stderr = "";
  pdns.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const operator = (method: string, p: string, body?: unknown) =>
    fetch(`${api}/api/v1/servers/localhost${p}`, {
      method,
      headers: { "x-api-key": key, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  for (let i = 0; ; i++) {
    const up = await operator("GET", "").then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 100 || pdns.exitCode !== null) {
      stop();
      throw new Error(`pdns_server did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { api, dnsPort, operator, stop };
}
