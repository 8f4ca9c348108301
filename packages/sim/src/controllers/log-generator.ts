// What simulated containers print: realistic, timestamped lines at a configurable rate, generated on demand.
//
// Nothing is stored per line. A container's lines are a pure function of its run (pod, container, the
// start and end times the kubelet wrote into the pod's status) and of the cluster's rate history, so a
// container's memory is bounded whatever the rate, the previous container's lines survive a restart (its
// run is in `lastState.terminated`), and 200,000 pods cost nothing until someone reads a log. As a real
// node keeps a bounded log file per container (kubelet's containerLogMaxSize, rotated), only the newest
// `ring` lines of a run can be read.

/** Lines per second a simulated container prints by default (one line every 2 s). */
export const DEFAULT_LOG_LINES_PER_SECOND = 0.5;
/** The most lines a container keeps (older ones are gone, as after log rotation). */
export const LOG_RING_LINES = 10_000;
/** The highest rate accepted (lines per second per container). */
export const MAX_LOG_LINES_PER_SECOND = 1000;

/** Lines a container prints as it starts, all within its first milliseconds. */
const STARTUP = 3;

/** One container run: `startMs` to `endMs` (undefined while it runs). */
export interface ContainerRun {
  pod: string;
  container: string;
  image: string;
  startMs: number;
  endMs?: number;
}

/** One line: when (ms since the epoch plus 0–999,999 ns, strictly increasing within a run) and what. */
export interface LogLine {
  ms: number;
  nanos: number;
  text: string;
}

/**
 * A cluster's log rate over time: a list of epochs, each from `at` (ms) with its lines per second, so a
 * change of rate applies from that moment and leaves what was printed before as it was.
 */
export class LogClock {
  private epochs: { at: number; perSecond: number }[];
  constructor(
    perSecond = DEFAULT_LOG_LINES_PER_SECOND,
    readonly ring = LOG_RING_LINES,
  ) {
    this.epochs = [{ at: 0, perSecond: checkRate(perSecond) }];
  }

  /** Lines per second from now on; 0 stops the output. Throws RangeError outside 0–1000. */
  setRate(perSecond: number, at = Date.now()) {
    checkRate(perSecond);
    this.epochs = this.epochs.filter((e) => e.at < at);
    this.epochs.push({ at, perSecond });
  }
  get rate() {
    return this.epochs.at(-1)!.perSecond;
  }

  /** Periodic ticks of a run in (from, to]: per epoch, every 1/rate s counted from where the epoch meets the run. */
  private segments(run: ContainerRun, to: number) {
    const out: { from: number; to: number; intervalMs: number; count: number }[] = [];
    const start = run.startMs + STARTUP; // after the startup lines
    for (let i = 0; i < this.epochs.length; i++) {
      const e = this.epochs[i]!;
      const a = Math.max(e.at, start);
      const b = Math.min(this.epochs[i + 1]?.at ?? Infinity, to);
      if (b <= a || e.perSecond <= 0) continue;
      const intervalMs = 1000 / e.perSecond;
      out.push({ from: a, to: b, intervalMs, count: Math.floor((b - a) / intervalMs) });
    }
    return out;
  }

  /** How many lines the run has printed by `at` (ms), counting those rotated away. */
  count(run: ContainerRun, at = Date.now()): number {
    const to = Math.min(at, run.endMs ?? Infinity);
    if (to < run.startMs) return 0;
    const startup = Math.min(STARTUP, Math.floor(to - run.startMs) + 1);
    return startup + this.segments(run, to).reduce((n, s) => n + s.count, 0);
  }

  /** Index of the first line the run still keeps at `at` (the ring's oldest). */
  first(run: ContainerRun, at = Date.now()): number {
    return Math.max(0, this.count(run, at) - this.ring);
  }

  /** When line `k` (0-based) of the run was printed, in ms; Infinity if it is not due yet on the current rate. */
  timeOf(run: ContainerRun, k: number): number {
    if (k < STARTUP) return run.startMs + k;
    let left = k - STARTUP;
    for (const s of this.segments(run, run.endMs ?? Infinity)) {
      if (left < s.count) return s.from + (left + 1) * s.intervalMs;
      left -= s.count;
    }
    return Infinity;
  }

  /** Line `k` of the run. */
  line(run: ContainerRun, k: number): LogLine {
    const t = this.timeOf(run, k);
    const ms = Math.floor(t);
    const h = hash(`${run.pod}/${run.container}/${run.startMs}/${k}`);
    // sub-millisecond digits: the fraction of the tick plus noise, below the next millisecond
    const nanos = Math.min(999_999, Math.floor((t - ms) * 1e6) + (h % 1000));
    return { ms, nanos, text: lineText(run, k, ms, h) };
  }
}

function checkRate(perSecond: number) {
  if (!Number.isFinite(perSecond) || perSecond < 0 || perSecond > MAX_LOG_LINES_PER_SECOND)
    throw new RangeError(`log rate must be between 0 and ${MAX_LOG_LINES_PER_SECOND} lines per second`);
  return perSecond;
}

/**
 * An instant as the kubelet prefixes log lines with `timestamps=true`: RFC 3339 in UTC with exactly nine
 * fraction digits (kuberuntime's timeFormatOut, "2006-01-02T15:04:05.000000000Z07:00").
 */
export function rfc3339Nano(ms: number, nanos = 0): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_, frac: string) => `.${frac}${String(nanos).padStart(6, "0")}Z`);
}

/** FNV-1a, 32 bits: a stable per-line number for choosing the line's content. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const PATHS = ["/", "/healthz", "/api/v1/items", "/api/v1/items/42", "/api/v1/orders", "/api/v1/orders/7/lines", "/static/app.js", "/login", "/metrics"];
const METHODS = ["GET", "GET", "GET", "GET", "POST", "PUT", "DELETE"];
const STATUSES = [200, 200, 200, 200, 200, 200, 201, 204, 304, 400, 404, 500];
const AGENTS = ["Mozilla/5.0 (X11; Linux x86_64)", "Go-http-client/1.1", "kube-probe/1.31", "curl/8.5.0", "okhttp/4.12.0"];
const WARNINGS = [
  "slow query took 1203ms: SELECT * FROM orders WHERE customer_id = $1",
  "retrying request to upstream inventory (attempt 2/3)",
  "connection pool near capacity (45/50 in use)",
  "deprecated configuration key server.timeout; use server.readTimeout",
];
const ERRORS = [
  "upstream inventory:8080 returned 503 Service Unavailable",
  "failed to publish event: context deadline exceeded",
  "request aborted by client: broken pipe",
];
const CLF_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Common Log Format's time, "30/Nov/2026:13:47:39 +0000". */
function clfTime(ms: number) {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${CLF_MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Line `k`'s text: startup lines, then mostly access log lines (combined log format), some INFO/WARN/ERROR. */
function lineText(run: ContainerRun, k: number, ms: number, h: number): string {
  const iso = new Date(ms).toISOString();
  if (k === 0) return `${iso} INFO  starting ${run.container} (image ${run.image}) in pod ${run.pod}`;
  if (k === 1) return `${iso} INFO  configuration loaded from /etc/${run.container}/config.yaml`;
  if (k === 2) return `${iso} INFO  listening on :8080`;
  const pick = <T>(xs: T[], salt: number) => xs[(h >>> salt) % xs.length]!;
  const roll = h % 100;
  if (roll < 70) {
    const ip = `10.${(h >>> 8) % 256}.${(h >>> 16) % 256}.${(h % 253) + 2}`;
    return `${ip} - - [${clfTime(ms)}] "${pick(METHODS, 3)} ${pick(PATHS, 7)} HTTP/1.1" ${pick(STATUSES, 11)} ${(h >>> 13) % 20000} "-" "${pick(AGENTS, 17)}"`;
  }
  if (roll < 90) return `${iso} INFO  request completed method=${pick(METHODS, 3)} path=${pick(PATHS, 7)} duration_ms=${(h >>> 9) % 250} line=${k + 1}`;
  if (roll < 97) return `${iso} WARN  ${pick(WARNINGS, 5)}`;
  return `${iso} ERROR ${pick(ERRORS, 5)}`;
}
