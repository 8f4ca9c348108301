// Reading pods' logs through client-node's Log class (GET …/pods/{pod}/log), with a deadline on connect, an
// abort for when the reader goes away, and the merge of several pods' lines in time order (as stern does).
import { PassThrough } from "node:stream";
import { type KubeConfig, Log } from "@kubernetes/client-node";
import { callTimeoutMs, DeadlineError } from "./deadline";

/** PodLogOptions Capstan passes on (k8s.io/api/core/v1); timestamps are always asked for (see openPodLog). */
export interface PodLogOptions {
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  limitBytes?: number;
}

/** One log line: its kubelet timestamp (RFC 3339 with nanoseconds, as sent) and its text (no newline). */
export interface PodLogLine {
  pod: string;
  timestamp: string;
  text: string;
}

/** The API server refused a log (`status` is its HTTP status: 400 for a container not started or no previous one, 404 for a pod gone). */
export class PodLogError extends Error {
  constructor(
    readonly pod: string,
    readonly status: number,
  ) {
    super(`the log of pod ${pod}: HTTP ${status}`);
    this.name = "PodLogError";
  }
}

/** An open log: its lines as they arrive, and `close()` to abort the request (idempotent). */
export interface PodLogStream {
  pod: string;
  lines: AsyncIterable<PodLogLine>;
  close(): void;
}

/**
 * Opens one container's log. Asks for `timestamps=true` whatever the caller wants, because merging pods
 * needs each line's time; callers strip it when not asked for. client-node 1.4's Log leaves out a
 * `tailLines` of 0 (it tests the option's truthiness), so 0 is sent as sinceSeconds=1 and the lines stamped
 * before the request are dropped here. Resolves once the API server answered 200, or throws PodLogError
 * (its status), DeadlineError (no answer within `connectTimeoutMs`, default CAPSTAN_CALL_TIMEOUT_SECONDS),
 * or the transport's error.
 */
export async function openPodLog(
  kc: KubeConfig,
  namespace: string,
  pod: string,
  container: string,
  options: PodLogOptions,
  connectTimeoutMs = callTimeoutMs(),
): Promise<PodLogStream> {
  const out = new PassThrough();
  const opened = new Date();
  const onlyNew = options.tailLines === 0;
  const request = new Log(kc).log(namespace, pod, container, out, {
    follow: options.follow ?? false,
    previous: options.previous ?? false,
    timestamps: true,
    ...(onlyNew ? { sinceSeconds: 1 } : { tailLines: options.tailLines, sinceSeconds: options.sinceSeconds }),
    limitBytes: options.limitBytes,
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`GET log of pod ${namespace}/${pod}`, connectTimeoutMs)), connectTimeoutMs);
  });
  let controller: AbortController;
  try {
    controller = await Promise.race([request, deadline]);
  } catch (e) {
    // a request that answers after its deadline is aborted as soon as it does
    void request.then((c) => c.abort()).catch(() => {});
    out.destroy();
    const status = (e as { code?: unknown }).code;
    if (typeof status === "number" && status !== 500) throw new PodLogError(pod, status);
    throw e;
  } finally {
    clearTimeout(timer);
  }
  const close = () => {
    controller.abort();
    out.destroy();
  };
  return { pod, lines: parseLines(pod, out, onlyNew ? opened.getTime() : undefined), close };
}

/** Splits a `timestamps=true` log into lines; lines stamped before `notBeforeMs` are dropped. */
async function* parseLines(pod: string, body: AsyncIterable<Buffer | string>, notBeforeMs?: number): AsyncGenerator<PodLogLine> {
  let rest = "";
  const line = (raw: string): PodLogLine | undefined => {
    const space = raw.indexOf(" ");
    const timestamp = space > 0 ? raw.slice(0, space) : "";
    if (notBeforeMs !== undefined && Date.parse(timestamp) < notBeforeMs) return undefined;
    return { pod, timestamp, text: space > 0 ? raw.slice(space + 1) : raw };
  };
  try {
    for await (const chunk of body) {
      const parts = (rest + chunk.toString()).split("\n");
      rest = parts.pop()!;
      for (const p of parts) {
        const l = line(p);
        if (l) yield l;
      }
    }
  } catch (e) {
    // an aborted request ends its lines; anything else is the reader's to see
    if ((e as Error).name !== "AbortError" && (e as { code?: string }).code !== "ERR_STREAM_PREMATURE_CLOSE") throw e;
  }
  // a last line cut short (limitBytes) is still a line
  if (rest) {
    const l = line(rest);
    if (l) yield l;
  }
}

/**
 * A kubelet timestamp as a sortable key: RFC 3339 in UTC with up to nine fraction digits, padded to nine
 * so that string order is time order ("…:05.5Z" and "…:05.000000001Z").
 */
export function timestampKey(ts: string): string {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(ts);
  return m ? `${m[1]}.${(m[2] ?? "").padEnd(9, "0")}` : ts;
}

/** How long a followed stream that said nothing is trusted to have nothing older than now minus this (ms). */
export const MERGE_HOLD_MS = 250;

/**
 * Several pods' lines in time order, as they arrive. Each pod's lines are in order, so a line may go out
 * once every open stream has sent a later one, or has been quiet for MERGE_HOLD_MS (a live container's next
 * line is stamped about when it arrives): a watermark, as in stream processing. Without follow every stream
 * ends and everything is sorted; with follow a line waits at most about MERGE_HOLD_MS. Ties keep arrival order.
 */
export async function* mergeLogLines(streams: PodLogStream[], holdMs = MERGE_HOLD_MS): AsyncGenerator<PodLogLine> {
  type State = { last: string; heardAt: number; done: boolean };
  const states = streams.map<State>(() => ({ last: "", heardAt: Date.now(), done: false }));
  const pending: { key: string; seq: number; line: PodLogLine }[] = [];
  let seq = 0;
  let wake: (() => void) | undefined;
  let failure: unknown;
  const poke = () => {
    wake?.();
    wake = undefined;
  };
  void Promise.all(
    streams.map(async (s, i) => {
      const st = states[i]!;
      try {
        for await (const line of s.lines) {
          const key = timestampKey(line.timestamp);
          pending.push({ key, seq: seq++, line });
          st.last = key;
          st.heardAt = Date.now();
          poke();
        }
      } catch (e) {
        failure ??= e;
      } finally {
        st.done = true;
        poke();
      }
    }),
  );
  for (;;) {
    const now = Date.now();
    // the watermark: nothing older than it can still come
    let mark = "\uffff";
    for (const st of states) {
      if (st.done) continue;
      const quietFor = now - st.heardAt;
      const bound = quietFor >= holdMs ? maxKey(st.last, timestampKey(new Date(now - holdMs).toISOString())) : st.last;
      if (bound < mark) mark = bound;
    }
    pending.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.seq - b.seq));
    let n = 0;
    while (n < pending.length && pending[n]!.key <= mark) n++;
    for (const p of pending.splice(0, n)) yield p.line;
    if (failure) throw failure;
    if (states.every((s) => s.done) && !pending.length) return;
    await new Promise<void>((r) => {
      wake = r;
      setTimeout(r, holdMs / 2);
    });
  }
}

const maxKey = (a: string, b: string) => (a > b ? a : b);
