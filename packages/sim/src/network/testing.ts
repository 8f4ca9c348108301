// Test helpers for the loopback pod network: plain HTTP requests to pod IPs (no keep-alive, so each
// request is a new connection, as a load balancer's health check makes them).
import http from "node:http";
import net from "node:net";

/** One GET to `ip:port` + `path`; resolves with the status and body, or rejects (ECONNREFUSED, reset). */
export function podGet(ip: string, port: number, path = "/", timeoutMs = 10_000) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.get({ host: ip, port, path, agent: false, timeout: timeoutMs }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
  });
}

/** The error code of a GET that fails (e.g. ECONNREFUSED), or "answered". */
export const refusal = (ip: string, port: number) =>
  podGet(ip, port, "/", 2000).then(
    () => "answered",
    (e: NodeJS.ErrnoException) => e.code ?? e.message,
  );

/** Sends one line to a TCP CLI (haproxy's master CLI or runtime API) and resolves with what it answers until it closes. */
export function cli(ip: string, port: number, command: string) {
  return new Promise<string>((resolve, reject) => {
    const s = net.connect(port, ip, () => s.end(`${command}\n`));
    let out = "";
    s.on("data", (d) => (out += d.toString()));
    s.on("close", () => resolve(out));
    s.on("error", reject);
  });
}

/** Ids of the live (not zombie) processes in process group `pgid` (Linux /proc). */
export async function processGroup(pgid: number): Promise<number[]> {
  const fs = await import("node:fs");
  const out: number[] = [];
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      // pid (comm) state ppid pgrp …; comm may hold spaces, so split after the last ")"
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pgid && state !== "Z") out.push(Number(d));
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}
