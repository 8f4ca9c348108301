// GET /api/v1/namespaces/{ns}/pods/{pod}/log as kube-apiserver and the kubelet answer it, over the lines
// of controllers/log-generator.ts: PodLogOptions (container, follow, previous, timestamps, tailLines,
// sinceSeconds, sinceTime, limitBytes), validated and refused with the real messages.
import type http from "node:http";
import type { Pod, ContainerStatus } from "./objects.js";
import { badRequest, invalid } from "./errors.js";
import { rfc3339Nano, type ContainerRun, type LogClock } from "../controllers/log-generator.js";

/** PodLogOptions as read from the query (k8s.io/api/core/v1). */
export interface PodLogOptions {
  container?: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  /** ms since the epoch: lines earlier than this are left out (from sinceSeconds or sinceTime). */
  sinceMs?: number;
}

/** Go's strconv.ParseBool, as the API server converts boolean query parameters. */
function parseBool(name: string, v: string | null): boolean {
  if (v === null || v === "") return false;
  if (["1", "t", "T", "TRUE", "true", "True"].includes(v)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(v)) return false;
  throw badRequest(`invalid value for ${name}: strconv.ParseBool: parsing "${v}": invalid syntax`);
}
function parseInt64(name: string, v: string | null): number | undefined {
  if (v === null || v === "") return undefined;
  if (!/^[+-]?\d+$/.test(v)) throw badRequest(`invalid value for ${name}: strconv.ParseInt: parsing "${v}": invalid syntax`);
  return Number(v);
}

/**
 * Reads and validates PodLogOptions; as ValidatePodLogOptions (pkg/apis/core/validation), a bad value is
 * a 422 Invalid on kind PodLogOptions naming the field.
 */
export function podLogOptions(podName: string, q: URLSearchParams, now = Date.now()): PodLogOptions {
  const tailLines = parseInt64("tailLines", q.get("tailLines"));
  const limitBytes = parseInt64("limitBytes", q.get("limitBytes"));
  const sinceSeconds = parseInt64("sinceSeconds", q.get("sinceSeconds"));
  const sinceTime = q.get("sinceTime");
  const causes: { field: string; message: string }[] = [];
  if (tailLines !== undefined && tailLines < 0) causes.push({ field: "tailLines", message: `Invalid value: ${tailLines}: must be greater than or equal to 0` });
  if (limitBytes !== undefined && limitBytes < 1) causes.push({ field: "limitBytes", message: `Invalid value: ${limitBytes}: must be greater than 0` });
  if (sinceSeconds !== undefined && sinceTime) causes.push({ field: "", message: "Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified" });
  if (sinceSeconds !== undefined && sinceSeconds < 1) causes.push({ field: "sinceSeconds", message: `Invalid value: ${sinceSeconds}: must be greater than 0` });
  let sinceMs: number | undefined;
  if (sinceTime) {
    sinceMs = Date.parse(sinceTime);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(sinceTime) || Number.isNaN(sinceMs))
      throw badRequest(`invalid value for sinceTime: parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse`);
  } else if (sinceSeconds !== undefined) sinceMs = now - sinceSeconds * 1000;
  if (causes.length) throw invalid("", "PodLogOptions", podName, causes);
  return {
    container: q.get("container") || undefined,
    follow: parseBool("follow", q.get("follow")),
    previous: parseBool("previous", q.get("previous")),
    timestamps: parseBool("timestamps", q.get("timestamps")),
    tailLines,
    limitBytes,
    sinceMs,
  };
}

/**
 * The container whose log is asked for: the named one, or the pod's only container. As kube-apiserver
 * (pkg/registry/core/pod/strategy.go LogLocation), a pod of several containers needs the name (400), and a
 * name the pod lacks is a 400. (kubectl's `kubectl.kubernetes.io/default-container` is read by kubectl.)
 */
export function logContainer(pod: Pod, container?: string): string {
  const names = pod.spec.containers.map((c) => c.name);
  const inits = (pod.spec.initContainers ?? []).map((c) => c.name);
  const name = pod.metadata.name;
  if (!container) {
    if (names.length === 1) return names[0]!;
    throw badRequest(
      `a container name must be specified for pod ${name}, choose one of: [${names.join(" ")}]` +
        (inits.length ? ` or one of the init containers: [${inits.join(" ")}]` : ""),
    );
  }
  if (!names.includes(container) && !inits.includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
  return container;
}

/**
 * When a container run ended, exact to the millisecond (the kubelet knows it; the pod's status has whole
 * seconds only), by container name and the run's `startedAt`; undefined when not known.
 */
export type RunEnd = (container: string, startedAt: string) => number | undefined;

/**
 * The container run whose log is served, from the pod's status, as the kubelet picks the container
 * (pkg/kubelet/kubelet_pods.go validateContainerLogStatus): `previous` is the last terminated one; else the
 * running one, the terminated one, or the last terminated while it waits to restart. Throws 400 with the
 * kubelet's words otherwise. A run that ended ends at `endOf`'s time, else with the second it finished in.
 */
export function containerRun(pod: Pod, container: string, previous: boolean, endOf?: RunEnd): ContainerRun {
  const podName = pod.metadata.name;
  const cs: ContainerStatus | undefined = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
    (x) => x.name === container,
  );
  const image = cs?.image ?? pod.spec.containers.find((c) => c.name === container)?.image ?? "";
  const run = (t: { startedAt?: string; finishedAt?: string }): ContainerRun => ({
    pod: podName,
    container,
    image,
    startMs: Date.parse(t.startedAt!),
    // status times have whole seconds: without the exact end, a run ends with the second it finished in, so
    // no line printed before the end is lost. With it, a run read within that second does not grow after.
    endMs: t.finishedAt ? (endOf?.(container, t.startedAt!) ?? Date.parse(t.finishedAt) + 999) : undefined,
  });
  const last = cs?.lastState?.terminated;
  if (previous) {
    if (!last?.startedAt) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    return run(last);
  }
  const st = cs?.state;
  if (st?.running?.startedAt) return run(st.running);
  if (st?.terminated?.startedAt) return run(st.terminated);
  if (last?.startedAt) return run(last);
  const reason = st?.waiting?.reason;
  if (reason === "ErrImagePull") throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`);
  if (reason === "ImagePullBackOff") throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
  throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${reason ?? "ContainerCreating"}`);
}

/** How often a follow checks that its container still runs when no line is due sooner. */
const FOLLOW_CHECK_MS = 250;

/**
 * Serves one container run's log. `current()` is the run as the pod's status says now (undefined once the
 * pod is gone), so a follow ends when its container ends, as `kubectl logs -f` does; `endOf` gives runs'
 * exact ends (see containerRun). Throws ApiError before writing anything when the request is refused.
 */
export function serveLog(
  clock: LogClock,
  pod: Pod,
  q: URLSearchParams,
  res: http.ServerResponse,
  current: (container: string, previous: boolean) => ContainerRun | undefined,
  endOf?: RunEnd,
) {
  const opts = podLogOptions(pod.metadata.name, q);
  const container = logContainer(pod, opts.container);
  let run = containerRun(pod, container, opts.previous, endOf);
  const now = Date.now();
  const total = clock.count(run, now);
  let k = clock.first(run, now);
  if (opts.tailLines !== undefined) k = Math.max(k, total - opts.tailLines);
  let left = opts.limitBytes ?? Infinity;
  res.writeHead(200, { "Content-Type": "text/plain", "Cache-Control": "no-cache, private" });
  /** Writes lines k… up to `upTo` (exclusive); false once limitBytes is reached (the stream has ended). */
  const write = (upTo: number) => {
    const parts: Buffer[] = [];
    for (; k < upTo && left > 0; k++) {
      const l = clock.line(run, k);
      if (opts.sinceMs !== undefined && l.ms < opts.sinceMs) continue;
      // limitBytes cuts where it falls, mid-line too, as the kubelet's LimitWriter does
      const b = Buffer.from(`${opts.timestamps ? rfc3339Nano(l.ms, l.nanos) + " " : ""}${l.text}\n`).subarray(0, left);
      left -= b.length;
      parts.push(b);
    }
    if (parts.length) res.write(Buffer.concat(parts));
    if (left <= 0) res.end();
    return left > 0;
  };
  if (!write(total)) return;
  if (!opts.follow || run.endMs !== undefined) return void res.end();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const cur = current(container, false);
    const ended = !cur || cur.startMs !== run.startMs || cur.endMs !== undefined;
    // a container that ended printed nothing after it ended
    if (ended) run = { ...run, endMs: cur?.startMs === run.startMs ? (cur.endMs ?? Date.now()) : Date.now() };
    if (!write(clock.count(run, Date.now()))) return;
    if (ended) return void res.end();
    const next = clock.timeOf(run, k) - Date.now();
    timer = setTimeout(tick, Math.max(5, Math.min(next, FOLLOW_CHECK_MS)));
  };
  timer = setTimeout(tick, Math.max(5, Math.min(clock.timeOf(run, k) - Date.now(), FOLLOW_CHECK_MS)));
  res.on("close", () => clearTimeout(timer));
}
