// Runtime fault knobs shared by an API server (or registry) and the admin endpoint.
import type http from "node:http";

/**
 * How a faulty server answers every request (health checks included):
 * - `html`: 502 with a text/html page, as a reverse proxy in front of an API server does when its upstream is down;
 * - `truncated`: 200 application/json whose body stops half-way (a proxy that buffered part of an answer);
 * - `blackHole`: accepts the connection, reads the request and never answers (a hung upstream, a
 *   firewall that drops replies); the request stays open until the client gives up.
 */
export type FaultAnswer = "normal" | "html" | "truncated" | "blackHole";

export interface FaultSpec {
  latencyMs?: number; // added to every request
  errorRate?: number; // 0..1 share of requests failed
  errorCode?: 500 | 429;
  retryAfterSeconds?: number;
  answer?: FaultAnswer;
}

export const HTML_502 =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

const TRUNCATED = '{"kind":"Status","apiVersion":"v1","me';

export class FaultState implements FaultSpec {
  latencyMs = 0;
  errorRate = 0;
  errorCode: 500 | 429 = 500;
  retryAfterSeconds = 1;
  answer: FaultAnswer = "normal";
  /** Requests a black hole swallowed so far. */
  swallowed = 0;
  onDropWatches: (() => number)[] = [];
  onRefuse: ((seconds: number) => Promise<void>)[] = [];
  private holds = new Map<(url: URL) => boolean, Promise<void>>();
  set(s: FaultSpec) {
    Object.assign(this, Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)));
  }
  clear() {
    this.latencyMs = 0;
    this.errorRate = 0;
    this.errorCode = 500;
    this.retryAfterSeconds = 1;
    this.answer = "normal";
  }
  /** Close every open watch stream; returns how many were closed. */
  dropWatches() {
    return this.onDropWatches.reduce((a, f) => a + f(), 0);
  }
  /** Stop accepting connections for `seconds` (listener closed: clients see ECONNREFUSED). */
  async refuseConnections(seconds: number) {
    await Promise.all(this.onRefuse.map((f) => f(seconds)));
  }
  /**
   * Holds the requests whose URL matches until the returned function is called (a test's gate: e.g. the
   * pages of a list after the first, to look at what a client did with the pages it has). Requests already
   * held go on once released; `clear()` does not release.
   */
  hold(match: (url: URL) => boolean): () => void {
    let release!: () => void;
    this.holds.set(match, new Promise<void>((r) => (release = r)));
    return () => {
      this.holds.delete(match);
      release();
    };
  }
  /** Resolves once no hold matches the URL. */
  async held(url: URL) {
    for (const [match, gate] of this.holds) if (match(url)) await gate;
  }
  shouldFail() {
    return this.errorRate > 0 && Math.random() < this.errorRate;
  }
  /** Answers (or swallows) the request as `answer` says; false when the server should handle it itself. */
  intercept(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    switch (this.answer) {
      case "normal":
        return false;
      case "html":
        res.writeHead(502, { "Content-Type": "text/html", "Content-Length": Buffer.byteLength(HTML_502) });
        res.end(req.method === "HEAD" ? undefined : HTML_502);
        return true;
      case "truncated":
        res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(TRUNCATED) });
        res.end(req.method === "HEAD" ? undefined : TRUNCATED);
        return true;
      case "blackHole":
        this.swallowed++;
        req.resume(); // read the body, so the client's send completes, and never answer
        return true;
    }
  }
}
