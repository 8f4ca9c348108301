// Every call to a cluster's API server or a registry has a deadline: when it passes, the request is
// aborted and its socket destroyed, so a server that accepts connections and never answers (a hung
// upstream, a firewall dropping replies) cannot hold a reconcile, a worker slot or a socket forever.
import http from "node:http";
import https from "node:https";
import { type Configuration, createConfiguration, type KubeConfig, type Middleware, ServerConfiguration } from "@kubernetes/client-node";
import { markReused } from "./keep-alive";
import { ListDecoder } from "./list-decoder";

/**
 * The deadline of one call, in milliseconds: connect, send and the whole answer. From
 * CAPSTAN_CALL_TIMEOUT_SECONDS (default 30, as kubectl's `--request-timeout` is commonly set); read at each call.
 */
export function callTimeoutMs(): number {
  const s = Number(process.env.CAPSTAN_CALL_TIMEOUT_SECONDS ?? 30);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 30_000;
}

/** A call aborted at its deadline. `what` says which call ("GET /api/v1/nodes"). */
export class DeadlineError extends Error {
  constructor(what: string, timeoutMs: number) {
    super(`${what}: no answer within ${timeoutMs / 1000} s`);
    this.name = "DeadlineError";
  }
}

/** Whether an error is an abort (by a deadline or a caller's signal): node-fetch, undici and node:http name it so. */
export const isAbort = (e: unknown) => ["AbortError", "TimeoutError", "DeadlineError"].includes((e as Error)?.name);

/**
 * A client-node API client (CoreV1Api, KubernetesObjectApi, …) for the kubeconfig's current cluster, as
 * `KubeConfig.makeApiClient` makes it, whose every request carries an AbortSignal: the request's own
 * deadline of `timeoutMs`, and `signal` if given (e.g. one deadline shared by several calls). client-node
 * 1.4 sends through node-fetch, which on abort destroys the request and its response stream.
 */
export function apiClient<T>(kc: KubeConfig, Api: new (config: Configuration) => T, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): T {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error("No active cluster!");
  const deadline: Middleware = {
    pre: async (ctx) => {
      const own = AbortSignal.timeout(opts.timeoutMs ?? callTimeoutMs());
      ctx.setSignal(opts.signal ? AbortSignal.any([own, opts.signal]) : own);
      return ctx;
    },
    post: async (rsp) => rsp,
  };
  return new Api(createConfiguration({ baseServer: new ServerConfiguration(cluster.server, {}), authMethods: { default: kc }, promiseMiddleware: [deadline] }));
}

/**
 * The kubeconfig as client-node's `Watch` (and so informers) should use it: a watch whose answer has not
 * begun within `timeoutMs` is aborted (node-fetch 2's `timeout`, which covers the wait for the response
 * headers and is cleared once they arrive, so a long-running watch stream is not cut). `Watch` builds its
 * request from `applyToFetchOptions` and takes no signal, hence this wrapper.
 */
export function watchDeadline(kc: KubeConfig, timeoutMs = callTimeoutMs()): KubeConfig {
  const wrapped = Object.create(kc) as KubeConfig;
  wrapped.applyToFetchOptions = async (opts) =>
    ({ ...(await kc.applyToFetchOptions(opts)), timeout: timeoutMs }) as Awaited<ReturnType<KubeConfig["applyToFetchOptions"]>>;
  return wrapped;
}

/** What a JSON API answered: the status, the parsed body (undefined when empty or not JSON) and the raw text ("" for a list decoded as it arrived). */
export interface JsonAnswer {
  status: number;
  contentType: string;
  body: unknown;
  text: string;
  /** Why the body is not JSON (an HTML page from a proxy, a cut-off answer), when it is not. */
  notJson?: string;
}

/**
 * One HTTP(S) request with a deadline covering connect, send and the whole answer; at the deadline the
 * request is destroyed (its socket closed) and the promise rejects with a DeadlineError. The answer's body
 * is parsed as JSON inside the promise: a body that is not JSON never throws, it is reported in `notJson`.
 * With `list`, a successful answer is decoded as a Kubernetes list while it arrives (ListDecoder: items
 * parsed chunk by chunk, `list.onMetadata` called with the list's metadata as soon as it is in).
 */
export function requestJson(
  url: URL,
  options: https.RequestOptions,
  payload: string | undefined,
  what: string,
  timeoutMs = callTimeoutMs(),
  list?: { onMetadata?: (metadata: Record<string, unknown>) => void },
): Promise<JsonAnswer> {
  return new Promise((resolve, reject) => {
    const req = (url.protocol === "https:" ? https : http).request(url, options, (res) => {
      const status = res.statusCode ?? 0,
        contentType = String(res.headers["content-type"] ?? "");
      const answer: JsonAnswer = { status, contentType, body: undefined, text: "" };
      res.on("error", reject);
      // The connection closed before the answer was complete (a proxy or the server cut it).
      res.on("close", () => !res.complete && reject(new Error(`${what}: the answer was cut off`)));
      const notJson = (e: unknown) => (answer.notJson ??= `a ${contentType || "body"} answer that is not JSON (${(e as Error).message})`);
      if (list && status < 300) {
        // Decoded as it arrives; after a decoding error the rest is only read to its end.
        const decoder = new ListDecoder(list.onMetadata);
        res.on("data", (c: Buffer) => {
          if (answer.notJson) return;
          try {
            decoder.write(c);
          } catch (e) {
            notJson(e);
          }
        });
        res.on("end", () => {
          clearTimeout(timer);
          if (!answer.notJson)
            try {
              answer.body = decoder.end();
            } catch (e) {
              notJson(e);
            }
          resolve(answer);
        });
        return;
      }
      // Decoded as it arrives (a StringDecoder keeps characters split between chunks whole) and joined as a
      // rope that JSON.parse flattens once: Buffer.concat and one toString of a large body cost as much CPU
      // as parsing it, and ran only once the last byte was in.
      res.setEncoding("utf8");
      res.on("data", (c: string) => (answer.text += c));
      res.on("end", () => {
        clearTimeout(timer);
        if (answer.text)
          try {
            answer.body = JSON.parse(answer.text);
          } catch (e) {
            notJson(e);
          }
        resolve(answer);
      });
    });
    const timer = setTimeout(() => req.destroy(new DeadlineError(what, timeoutMs)), timeoutMs);
    req.on("error", (e) => {
      clearTimeout(timer);
      reject(markReused(e, req.reusedSocket));
    });
    req.end(payload);
  });
}
