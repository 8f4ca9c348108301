// Route-handler plumbing for /api/v1: authentication, proof that a cookie-authenticated change comes from
// the portal itself (csrf.ts), JSON bodies with limits, and errors as
// { error: { code, message, fields } } with the status the use case chose. Each handler is given its route
// declaration (lib/contract): its path values and answer are typed from it, and outside production each
// answer is checked against the declared status and response schema. Every request gets an id (X-Request-Id),
// is counted and timed by its declaration's path template, and logged as one line (docs/observability.md).
import "server-only";
import { randomUUID } from "node:crypto";
import { withRequestId } from "@capstan/db/request-context";
import { DomainError, domainError, errorBody, fieldError, isRequestId, keptForReplay, REQUEST_ID_HEADER, textFault } from "@capstan/domain";
import { type Context } from "@capstan/usecases";
import { bodyHash, claimIdempotencyKey, completeIdempotencyKey, databaseError, holdsSecret, releaseIdempotencyKey } from "@capstan/usecases/internal";
import { NextResponse } from "next/server";
import { z } from "zod";
import type { PathParams, ResponseOf, Route } from "../contract/route";
import { apiContext } from "./context";
import { requireCsrfProof } from "./csrf";
import { logger } from "./log";
import { metrics } from "./metrics";

const MAX_BODY_BYTES = 64 * 1024;

type Params = Record<string, string>;
declare const BODY: unique symbol;
/** A Response whose JSON body is a T (created, accepted): a handler may answer with one instead of the body. */
export type TypedResponse<T> = Response & { readonly [BODY]: T };
/** What a handler for route R resolves to: the body its response schema describes, or a response carrying it. */
type Answer<R extends Route> = ResponseOf<R> | TypedResponse<ResponseOf<R>>;
type Handler<R extends Route> = (ctx: Context, request: Request, params: PathParams<R["path"]>) => Promise<Answer<R>>;
/** A Next route handler, with the declaration it serves (read by the contract test). */
export type RouteHandler<R extends Route = Route> = ((request: Request, route: { params: Promise<Params> }) => Promise<Response>) & { route: R };

/**
 * The handler of one declared operation: authenticates, checks CSRF proof, path and query, runs `handler`
 * with the path values the declaration names, and answers with its declared status (204 or 202 without a
 * body when the handler resolves to nothing).
 */
export function api<R extends Route>(declaration: R, handler: Handler<R>): RouteHandler<R> {
  const serve = async (request: Request, route: { params: Promise<Params> }, who: Who): Promise<Response> => {
    try {
      const ctx = await apiContext(request);
      who.actorId = ctx.actor.userId;
      who.auth = ctx.credential?.kind;
      requireCsrfProof(request);
      const run = async () => {
        try {
          const params = checkedParams((await route.params) ?? {}) as PathParams<R["path"]>;
          return await checkedAnswer(declaration, respond(await handler(ctx, request, params), declaration.response.status));
        } catch (e) {
          return errorResponse(e);
        }
      };
      checkPath(request);
      checkQuery(request);
      const key = request.method === "POST" ? request.headers.get("idempotency-key") : null;
      return key === null ? await run() : await idempotent(ctx, key, request, run);
    } catch (e) {
      return errorResponse(e);
    }
  };
  return Object.assign(observed(declaration, serve, "info"), { route: declaration });
}

/**
 * A handler that needs none of api()'s plumbing (health, the OpenAPI document), tied to its declaration;
 * counted and given a request id as api()'s are, its successes logged at debug level only (probes every few
 * seconds would fill the log).
 */
export const declared = <R extends Route>(declaration: R, handler: (request: Request) => Response | Promise<Response>): RouteHandler<R> =>
  Object.assign(
    observed(declaration, async (request) => handler(request), "debug"),
    { route: declaration },
  );

/** Who made a request, once authenticated: for its log line (an id and a kind; never a credential). */
type Who = { actorId?: string; auth?: string };

/**
 * Runs `serve` as one observed request: its id is the client's X-Request-Id when well-formed
 * (isRequestId), else a new UUID, current while it runs (so jobs it queues carry it: packages/db/src/kinds.ts)
 * and returned in the response's X-Request-Id. The request is counted (capstan_http_requests_total) and timed
 * to its response head (capstan_http_request_duration_seconds) under its declaration's method and path
 * template, and logged as one line: at `level`, a 5xx as an error.
 */
function observed(
  declaration: Route,
  serve: (request: Request, route: { params: Promise<Params> }, who: Who) => Promise<Response>,
  level: "info" | "debug",
): (request: Request, route: { params: Promise<Params> }) => Promise<Response> {
  return async (request, route) => {
    const started = performance.now();
    const incoming = request.headers.get(REQUEST_ID_HEADER);
    const requestId = isRequestId(incoming) ? incoming : randomUUID();
    const who: Who = {};
    const response = await withRequestId(requestId, async () => {
      try {
        return withHeader(await serve(request, route, who), REQUEST_ID_HEADER, requestId);
      } catch (e) {
        return withHeader(errorResponse(e), REQUEST_ID_HEADER, requestId);
      }
    });
    const seconds = (performance.now() - started) / 1000;
    const labels = { method: declaration.method, route: declaration.path };
    const m = metrics();
    m.requests.inc({ ...labels, status: String(response.status) });
    m.duration.observe(labels, seconds);
    logger[response.status >= 500 ? "error" : level]("request", {
      requestId,
      ...labels,
      status: response.status,
      durationMs: Math.round(seconds * 1000),
      actorId: who.actorId,
      auth: who.auth,
    });
    return response;
  };
}

/** The response with one header set; a copy when its headers cannot be changed (a fetched Response's). */
function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}

function respond(result: unknown, status: number): Response {
  if (result instanceof Response) return result;
  if (result === undefined) return new Response(null, { status });
  return secretIfMarked(NextResponse.json(result, { status }), result);
}

/** Bodies of typed responses (created, accepted), for checkedAnswer. */
const BODIES = new WeakMap<Response, unknown>();

/**
 * Outside production, an answer whose status or body the declaration does not describe is our bug: it is
 * logged and answered as a 500, so tests (the API fuzz, the integration tests) and `next dev` find a
 * handler that drifted from its declaration. Production answers as the handler did.
 */
async function checkedAnswer(declaration: Route, response: Response): Promise<Response> {
  if (process.env.NODE_ENV === "production") return response;
  const where = `${declaration.method} ${declaration.path}`;
  if (response.status !== declaration.response.status)
    throw new Error(`${where} answered ${response.status}; its declaration says ${declaration.response.status}`);
  const schema = declaration.response.schema;
  const body = BODIES.has(response) ? BODIES.get(response) : response.body === null ? undefined : await response.clone().json();
  if (!schema) {
    if (body !== undefined) throw new Error(`${where} answered a body; its declaration has none`);
    return response;
  }
  const checked = schema.safeParse(JSON.parse(JSON.stringify(body ?? null)));
  if (!checked.success) throw new Error(`${where} answered a body its response schema refuses: ${z.prettifyError(checked.error)}`);
  return response;
}

// ───── Input that names nothing (issue 11, finding 7) ─────
/** Path values with control characters name nothing: 404 naming the parameter, before any lookup. */
function checkedParams<P extends Params>(params: P): P {
  for (const [name, value] of Object.entries(params)) {
    const fault = typeof value === "string" ? textFault(value) : undefined;
    if (fault) throw domainError("path_value_refused", { parameter: name, problem: fault.message }, { [name]: fault });
  }
  return params;
}

/**
 * A path Next could not decode (e.g. /systems/%ff: not UTF-8) reaches the handler without its params:
 * 400 naming the path, before a handler reads a value that is not there.
 */
function checkPath(request: Request): void {
  try {
    for (const segment of new URL(request.url).pathname.split("/")) decodeURIComponent(segment);
  } catch {
    throw domainError("path_not_utf8", {}, { path: fieldError("path_not_utf8") });
  }
}

/** Query values with control characters: 400 naming the parameter, whichever route reads them. */
function checkQuery(request: Request): void {
  for (const [name, value] of new URL(request.url).searchParams) {
    const fault = textFault(name) ?? textFault(value);
    if (fault) throw domainError("query_value_refused", { parameter: name, problem: fault.message }, { [name]: fault });
  }
}

// ───── Idempotency-Key (issue 11, finding 6) ─────
/** Responses whose body holds a secret (see holdsSecret): never kept for replays. */
const SECRET_RESPONSES = new WeakSet<Response>();
function secretIfMarked(response: Response, body: unknown): Response {
  if (holdsSecret(body)) SECRET_RESPONSES.add(response);
  return response;
}

/**
 * A POST with an Idempotency-Key succeeds once; a repeat with the same body gets the first success, marked
 * as a replay (draft-ietf-httpapi-idempotency-key-header). The key is stored with a SHA-256 of the
 * body's bytes, so a different body is a 422. A refusal or failure is not kept (keptForReplay: Stripe's
 * rule), so a repeat runs again. An answer holding a secret is not kept: a repeat is a 409.
 */
async function idempotent(ctx: Context, key: string, request: Request, run: () => Promise<Response>): Promise<Response> {
  const hash = bodyHash(await readLimited(request.clone()));
  const claim = await claimIdempotencyKey(ctx, key, `POST ${new URL(request.url).pathname}`, hash);
  if ("replay" in claim) {
    const { status, body } = claim.replay;
    return body === null
      ? new Response(null, { status, headers: { "idempotent-replayed": "true" } })
      : NextResponse.json(body, { status, headers: { "idempotent-replayed": "true" } });
  }
  const response = await run();
  if (!keptForReplay(response.status)) {
    await releaseIdempotencyKey(ctx, key);
    return response;
  }
  const secret = SECRET_RESPONSES.has(response);
  const text = secret ? "" : await response.clone().text();
  await completeIdempotencyKey(ctx, key, response.status, text ? JSON.parse(text) : undefined, secret);
  return response;
}

export function errorResponse(e: unknown): Response {
  const refused = databaseError(e);
  if (refused) return errorResponse(refused);
  if (e instanceof DomainError) {
    const headers = e.status === 401 ? { "www-authenticate": 'Bearer realm="capstan"' } : undefined;
    // reason and params, and per field fieldReasons (from the catalogues in packages/domain/src/error-reasons.ts),
    // let the portal render the message in the reader's language.
    return NextResponse.json({ error: errorBody(e) }, { status: e.status, headers });
  }
  logger.error("unexpected failure", { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  return errorResponse(domainError("internal"));
}

const typed = <T extends object>(status: number, body: T, location: string) => {
  const response = secretIfMarked(NextResponse.json(body, { status, headers: { location } }), body);
  BODIES.set(response, body);
  return response as TypedResponse<T>;
};
/** 201 with the new object and where it lives. */
export const created = <T extends object>(body: T, location: string) => typed(201, body, location);
/** 202: accepted, to be done in the background; `location` is where to follow it. */
export const accepted = <T extends object>(body: T, location: string) => typed(202, body, location);

/** The query string as a plain object for a use case's query schema. */
export const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

/** Reads a JSON body: 415 unless JSON, 413 when too large, 400 when it does not parse. */
export async function body(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) throw domainError("body_not_json_type", {}, { body: fieldError("body_not_json_type") });
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await readLimited(request);
  try {
    return JSON.parse(text);
  } catch {
    throw domainError("body_not_json", {}, { body: fieldError("body_not_json") });
  }
}

async function readLimited(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  // JSON text is UTF-8 (RFC 8259 §8.1): a byte that is not would otherwise be stored as U+FFFD, unseen.
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw domainError("body_not_utf8", {}, { body: fieldError("body_not_utf8") });
  }
}

const tooLarge = () => domainError("body_too_large", { limitKiB: MAX_BODY_BYTES / 1024 }, { body: fieldError("body_too_large") });

/**
 * A path parameter as text: decoded once more if it still holds %-escapes; kept as it is when those do
 * not decode (e.g. "%ff"), and 404 when the decoded text has control characters (e.g. "%2500").
 */
export function decodedParam(value: string, name = "path"): string {
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // not a valid escape: the text as sent, which then names nothing
  }
  return checkedParams({ [name]: decoded })[name]!;
}
