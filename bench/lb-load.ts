// The load of the load balancers' traffic bench (lb-traffic.ts), run in a process of its own: told its plan
// (LoadPlan) by message, it sends GETs through the balancer on a fixed schedule (open loop: request i is due
// at i / rate s and sent as soon as the timer lets it, whether or not earlier ones were answered), spread over
// the LB pods in turn as clients spread over a name's A records; asks for the change at `changeAtMs`; and
// answers every request (LoadMessage "done") once all are answered or failed.
import http from "node:http";

const TIMEOUT_MS = 5000;

/** What to send: to `port` of each of `ips`, `rate` requests/s for `seconds`. */
export interface LoadPlan {
  ips: string[];
  port: number;
  rate: number;
  seconds: number;
  changeAtMs: number;
}

export type LoadMessage = { type: "change" } | { type: "done"; start: number; requests: Request[] };

/** One request of the load: when it was due and sent (ms from the run's start), and who answered or what failed. */
export interface Request {
  due: number;
  sent: number;
  pod?: string;
  group?: string;
  failed?: string;
}

/** Now, in ms since the epoch with sub-ms precision: comparable between processes of one machine. */
export const epochMs = () => performance.timeOrigin + performance.now();

/** One GET through the balancer; never rejects (a failure is recorded). */
export function get(ip: string, port: number, r: Request): Promise<void> {
  return new Promise((resolve) => {
    const req = http.get({ host: ip, port, path: "/", agent: false, timeout: TIMEOUT_MS }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => {
        if (res.statusCode !== 200) r.failed = `status ${res.statusCode}`;
        else
          try {
            ({ pod: r.pod, group: r.group } = JSON.parse(body) as { pod: string; group: string });
          } catch {
            r.failed = "not a pod's answer";
          }
        resolve();
      });
      res.on("error", (e) => ((r.failed = e.message), resolve()));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (e) => ((r.failed = e.message), resolve()));
  });
}

/** Runs `plan`; resolves when every request is answered or failed. */
async function run(plan: LoadPlan): Promise<void> {
  const total = plan.rate * plan.seconds;
  const requests: Request[] = [];
  const inFlight: Promise<void>[] = [];
  const start = epochMs();
  let changing = false;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = epochMs() - start;
      if (!changing && now >= plan.changeAtMs) {
        changing = true;
        process.send!({ type: "change" } satisfies LoadMessage);
      }
      for (let i = requests.length; i < total && (i * 1000) / plan.rate <= now; i = requests.length) {
        const r: Request = { due: (i * 1000) / plan.rate, sent: now };
        requests.push(r);
        inFlight.push(get(plan.ips[i % plan.ips.length]!, plan.port, r));
      }
      if (requests.length < total) setTimeout(tick, Math.max(0, (requests.length * 1000) / plan.rate - (epochMs() - start)));
      else done();
    };
    tick();
  });
  await Promise.all(inFlight);
  process.send!({ type: "done", start, requests } satisfies LoadMessage, () => process.exit(0));
}

if (process.send) process.once("message", (plan: LoadPlan) => void run(plan));
