// Traffic to LoadBalancer Services' external addresses on the loopback pod network (docs/simulator.md): what
// MetalLB (which makes the address reach a node) and kube-proxy (which sends each new connection to one of the
// Service's ready endpoints) do together, played by one TCP listener per Service port bound on the external
// address. Each accepted connection is joined to an endpoint chosen at that moment, so the choice follows the
// Endpoints as they change. The listeners live in the simulator's own process: they end with it however it
// ends, so unlike the data planes (controllers/data-plane.ts) they need no reaper.
import net from "node:net";

/** An endpoint to forward to: a pod IP and its target port. */
export interface Backend {
  ip: string;
  port: number;
}

/** One Service's listeners: its external address, a server per Service port, and the connections they carry. */
interface Forwarded {
  ip: string;
  servers: Map<number, net.Server>;
  sockets: Set<net.Socket>;
}

/**
 * The forwarders of one cluster's LoadBalancer Services, by "namespace/name". `backends(key, port)` gives the
 * Service's ready endpoints for its port `port` as stored now (an empty list when it has none).
 */
export class ServiceForwarders {
  private services = new Map<string, Forwarded>();

  constructor(private backends: (key: string, port: number) => Backend[]) {}

  /**
   * Makes Service `key`'s listeners those of `ports` (TCP Service ports) on `ip`: opens the missing ones,
   * closes those of ports gone, and moves them all when the address changed. A port that cannot be bound
   * (another process holds it) is skipped with a log line, as a speaker that cannot announce an address.
   */
  sync(key: string, ip: string, ports: number[]) {
    let f = this.services.get(key);
    if (f && f.ip !== ip) this.close(key);
    f = this.services.get(key);
    if (!f) {
      f = { ip, servers: new Map(), sockets: new Set() };
      this.services.set(key, f);
    }
    for (const [port, server] of f.servers)
      if (!ports.includes(port)) {
        server.close();
        f.servers.delete(port);
      }
    for (const port of ports) if (!f.servers.has(port)) f.servers.set(port, this.listen(key, f, port));
  }

  /** The ports Service `key` is answered on now (listening), for tests and the docs' claims. */
  listening(key: string): number[] {
    return [...(this.services.get(key)?.servers ?? [])].filter(([, s]) => s.listening).map(([p]) => p);
  }

  /**
   * Service `key` is gone (or no longer a LoadBalancer with an address): its listeners close, which frees
   * the address, and the connections they carry are cut, as traffic to a withdrawn address stops.
   */
  close(key: string) {
    const f = this.services.get(key);
    if (!f) return;
    this.services.delete(key);
    for (const s of f.servers.values()) s.close();
    for (const s of f.sockets) s.destroy();
  }

  /** Closes every listener and connection (the simulator stops). */
  closeAll() {
    for (const key of [...this.services.keys()]) this.close(key);
  }

  private listen(key: string, f: Forwarded, port: number) {
    // allowHalfOpen: a client's FIN is passed on as one, and the answer still comes back (pipe ends each side)
    const server = net.createServer({ allowHalfOpen: true }, (client) => this.forward(key, f, port, client));
    server.on("error", (e) => console.error(`[sim] LoadBalancer Service ${key} cannot listen on ${f.ip}:${port}: ${e.message}`));
    server.listen(port, f.ip);
    return server;
  }

  /**
   * Joins `client` to one of the Service's ready endpoints, picked at random as kube-proxy's iptables mode
   * does. An endpoint that refuses the connection (its pod has just stopped listening, before the Endpoints
   * drop it) is passed over for the next, as a cloud balancer's health check would; with none left, or none at
   * all, the client is reset (kube-proxy rejects connections to a Service without endpoints).
   */
  private forward(key: string, f: Forwarded, port: number, client: net.Socket) {
    f.sockets.add(client);
    client.on("close", () => f.sockets.delete(client));
    client.on("error", () => client.destroy());
    const candidates = shuffle(this.backends(key, port));
    const next = () => {
      const b = candidates.shift();
      if (!b || client.destroyed) return void client.resetAndDestroy();
      const upstream = net.connect({ host: b.ip, port: b.port, allowHalfOpen: true });
      upstream.once("error", next);
      upstream.once("connect", () => {
        upstream.removeListener("error", next);
        if (client.destroyed) return void upstream.destroy();
        f.sockets.add(upstream);
        const cut = () => {
          client.destroy();
          upstream.destroy();
        };
        upstream.on("error", cut);
        client.on("error", cut);
        upstream.on("close", () => {
          f.sockets.delete(upstream);
          if (!client.writableEnded) client.destroy();
        });
        client.on("close", () => {
          if (!upstream.writableEnded) upstream.destroy();
        });
        client.pipe(upstream);
        upstream.pipe(client);
      });
    };
    next();
  }
}

/** A copy of `xs` in random order (Fisher–Yates). */
function shuffle<T>(xs: T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
