// Capstan's REST API (/api/v1) as the CLI uses it: the bearer token, a deadline on every call, answers
// checked against the API's response schemas (@capstan/domain), refusals turned into CliErrors that say
// what the server said (its message and field errors), and lists read page after page.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import { HealthSchema } from "@capstan/domain";
import { CliError } from "./errors";

/** A response schema from @capstan/domain, as far as the client needs it (zod's safeParse). */
export interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** Query values: undefined ones are left out; booleans and numbers as text. */
export type Query = Record<string, string | number | boolean | undefined>;

export interface ClientOptions {
  /** The server's base URL, without /api/v1 (normaliseServer). */
  server: string;
  /** The API token; absent only for public calls. Sent as `Authorization: Bearer`, never printed. */
  token?: string;
  /** The deadline of each call, in ms, until its whole answer (streams: see stream()). */
  timeoutMs: number;
}

/** How often a stream waiting for its first bytes asks whether its server is still there, in ms. */
const STREAM_CHECK_MS = 3000;

/** The most a list page holds (ListQuery's pageSize). */
export const MAX_PAGE_SIZE = 100;

/**
 * The server's base URL as the CLI keeps it: http(s) with a host, no trailing slash, no /api/v1.
 * @throws CliError for anything else
 */
export function normaliseServer(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.includes("://") ? raw : `https://${raw}`);
  } catch {
    throw new CliError(`"${raw}" is not a server address: give a URL such as https://capstan.example.com`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new CliError(`the server address must use http or https, not ${url.protocol.slice(0, -1)}`);
  if (url.username || url.password) throw new CliError("the server address must not hold a user name or password: the token is asked for separately");
  if (url.search || url.hash) throw new CliError("the server address must not hold a query or fragment");
  const path = url.pathname.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
  return `${url.origin}${path}`;
}

/** Seconds as people read a deadline: 30000 → "30s". */
const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))}s`;

/** The error body the API answers refusals with (docs/errors.md), read loosely: a refusal from a newer server still shows. */
function refusal(body: unknown): { code?: string; message: string; fields: [string, string][] } | undefined {
  const error = (body as { error?: unknown } | null)?.error as { code?: unknown; message?: unknown; fields?: unknown } | undefined;
  if (!error || typeof error.message !== "string") return undefined;
  const fields = error.fields && typeof error.fields === "object" ? Object.entries(error.fields as Record<string, unknown>) : [];
  return {
    code: typeof error.code === "string" ? error.code : undefined,
    message: error.message,
    fields: fields.filter((f): f is [string, string] => typeof f[1] === "string"),
  };
}

/** A talk with one Capstan server. */
export class ApiClient {
  constructor(readonly options: ClientOptions) {}

  get server() {
    return this.options.server;
  }

  /** GET `path` (under /api/v1) and check the answer against `schema`. */
  get<T>(path: string, schema: Schema<T>, query: Query = {}): Promise<T> {
    return this.call("GET", path, schema, { query });
  }

  /** A change: `method` `path` with a JSON `body` (none when undefined); the answer checked against `schema`. */
  send<T>(method: "POST" | "PUT" | "PATCH" | "DELETE", path: string, schema: Schema<T>, body?: unknown): Promise<T> {
    return this.call(method, path, schema, { body });
  }

  /**
   * Every item of a list, page after page, up to `limit` (all when undefined): keyset pages (`nextCursor`)
   * followed by their cursor, offset pages (`page`, `total`) by their number.
   */
  async list<T>(path: string, schema: Schema<{ items: T[]; total: number; nextCursor?: string | null }>, query: Query, limit?: number): Promise<T[]> {
    const items: T[] = [];
    const pageSize = Math.min(MAX_PAGE_SIZE, limit ?? MAX_PAGE_SIZE);
    let cursor: string | undefined;
    for (let page = 1; ; page++) {
      const answer = await this.get(path, schema, { ...query, pageSize, ...(cursor ? { cursor } : { page }) });
      items.push(...answer.items);
      if (limit !== undefined && items.length >= limit) return items.slice(0, limit);
      if (answer.nextCursor !== undefined) {
        if (!answer.nextCursor || answer.items.length === 0) return items;
        cursor = answer.nextCursor;
      } else if (answer.items.length === 0 || page * pageSize >= answer.total) return items;
    }
  }

  /**
   * A text answer streamed as it comes (a group's or a build's log). Capstan sends the headers at once, but
   * a proxy in between, or an earlier Capstan, may hold them back until a first line (a build still queued,
   * a quiet pod followed from now), so no deadline is put on them; instead the server's health (a plain call, with its deadline) is asked every few seconds
   * until they come, and a server gone or silent ends the wait with that call's error. The stream then
   * runs until the server ends it.
   */
  async stream(path: string, query: Query): Promise<ReadableStream<Uint8Array>> {
    const stop = new AbortController();
    let failure: unknown;
    let asking = false;
    const watch = setInterval(() => {
      if (asking) return;
      asking = true;
      this.get("/health", HealthSchema).then(
        () => (asking = false),
        (e: unknown) => {
          failure = e;
          stop.abort();
        },
      );
    }, STREAM_CHECK_MS);
    try {
      const response = await this.request(path, query, stop.signal);
      if (!response.ok) throw await this.refused("GET", path, response);
      if (!response.body) throw new CliError(`the server at ${this.server} answered GET /api/v1${path} without a body`);
      return response.body;
    } catch (e) {
      throw failure ?? e;
    } finally {
      clearInterval(watch);
    }
  }

  private async call<T>(method: string, path: string, schema: Schema<T>, o: { query?: Query; body?: unknown }): Promise<T> {
    const { response, settle } = await this.fetch(method, path, { ...o, accept: "application/json" });
    if (!response.ok) throw await this.refused(method, path, response).finally(settle);
    const text = await this.read(response, method, path).finally(settle);
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      throw this.notCapstan(method, path, "its answer is not JSON");
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join(".") : "(the answer)"}: ${i.message}`);
      throw new CliError(`the server at ${this.server} answered ${method} /api/v1${path} with something this CLI does not understand`, [
        ...problems,
        "Is it a Capstan server of the same version as this CLI?",
      ]);
    }
    return parsed.data;
  }

  /** The answer's text, under the call's deadline (set by fetch). */
  private async read(response: Response, method: string, path: string): Promise<string> {
    try {
      return await response.text();
    } catch (e) {
      throw this.unreachable(e, method, path);
    }
  }

  /**
   * GET as a streamed Response, through node:http(s) rather than fetch: fetch (undici) gives up on headers
   * after 300 s, which a queued build's log may take.
   */
  private request(path: string, query: Query, signal: AbortSignal): Promise<Response> {
    const url = this.url(path, query);
    const headers = this.headers("text/plain");
    return new Promise((resolve, reject) => {
      const req = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, { headers, signal }, (res) => {
        const body = res.statusCode === 204 ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
        const responseHeaders = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") responseHeaders.set(k, v);
        resolve(new Response(body, { status: res.statusCode, statusText: res.statusMessage, headers: responseHeaders }));
      });
      req.on("error", (e) => reject(signal.aborted ? e : this.unreachable(e, "GET", path)));
      req.end();
    });
  }

  private url(path: string, query: Query = {}): URL {
    const url = new URL(`${this.server}/api/v1${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  private headers(accept: string): Record<string, string> {
    const headers: Record<string, string> = { Accept: accept, "User-Agent": "capstan-cli" };
    if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    return headers;
  }

  private async fetch(method: string, path: string, o: { query?: Query; body?: unknown; accept: string }): Promise<{ response: Response; settle: () => void }> {
    const url = this.url(path, o.query);
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DeadlineError()), this.options.timeoutMs);
    const signal = deadline.signal;
    const headers = this.headers(o.accept);
    if (o.body !== undefined) headers["Content-Type"] = "application/json";
    try {
      const response = await fetch(url, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body), signal, redirect: "manual" });
      // The deadline runs on while the caller reads the body; `settle` ends it.
      return { response, settle: () => clearTimeout(timer) };
    } catch (e) {
      clearTimeout(timer);
      throw this.unreachable(e, method, path);
    }
  }

  private unreachable(e: unknown, method: string, path: string): CliError {
    if (e instanceof DeadlineError || (e as { cause?: unknown })?.cause instanceof DeadlineError || (e instanceof Error && e.name === "AbortError"))
      return new CliError(`the server at ${this.server} did not answer ${method} /api/v1${path} within ${seconds(this.options.timeoutMs)}`, [
        "Check the address, or allow more time with --request-timeout.",
      ]);
    // fetch's errors carry the system's in `cause`; node:http's are the system's own.
    const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
    const why = cause?.code ?? cause?.message ?? (e as { code?: string }).code ?? (e instanceof Error ? e.message : String(e));
    return new CliError(`could not reach the server at ${this.server} (${why})`);
  }

  private notCapstan(method: string, path: string, why: string): CliError {
    return new CliError(`the server at ${this.server} answered ${method} /api/v1${path}, but ${why}`, [
      "Is it a Capstan server? Check the address given to capstan login.",
    ]);
  }

  /** The CliError for a refusal: the server's message and field errors when it sent them (docs/errors.md). */
  private async refused(method: string, path: string, response: Response): Promise<CliError> {
    const text = await this.read(response, method, path).catch(() => "");
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const r = refusal(body);
    if (response.status === 401)
      return new CliError(`the server at ${this.server} did not accept the token (401${r ? `: ${r.message}` : ""})`, [
        `Log in again with "capstan login --server ${this.server}".`,
      ]);
    if (!r) {
      if (response.status >= 300 && response.status < 400)
        return this.notCapstan(method, path, `with a redirect (${response.status}) to ${response.headers.get("location") ?? "elsewhere"}`);
      return this.notCapstan(method, path, `with ${response.status} ${response.statusText} and no Capstan error`);
    }
    return new CliError(
      r.message,
      r.fields.map(([field, reason]) => `${field}: ${reason}`),
    );
  }
}

/** The reason an aborted call gives when its deadline passed (told apart from the user's Ctrl-C). */
class DeadlineError extends Error {
  constructor() {
    super("deadline passed");
    this.name = "DeadlineError";
  }
}
