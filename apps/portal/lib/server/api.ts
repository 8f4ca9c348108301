// Route-handler plumbing for /api/v1: authentication, proof that a cookie-authenticated change comes from
// the portal itself (csrf.ts), JSON bodies with limits, and errors as
// { error: { code, message, fields } } with the status the use case chose.
import "server-only";
import { badRequest, DomainError } from "@capstan/domain";
import { claimIdempotencyKey, completeIdempotencyKey, type Context, releaseIdempotencyKey } from "@capstan/usecases";
import { NextResponse } from "next/server";
import { apiContext } from "./context";
import { requireCsrfProof } from "./csrf";

const MAX_BODY_BYTES = 64 * 1024;

type Params = Record<string, string>;
type Handler<P extends Params> = (ctx: Context, request: Request, params: P) => Promise<Response | object | void>;

export function api<P extends Params = Params>(handler: Handler<P>) {
  return async (request: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const ctx = await apiContext(request);
      requireCsrfProof(request);
      const run = async () => {
        try {
          return respond(await handler(ctx, request, await route.params));
        } catch (e) {
          return errorResponse(e);
        }
      };
      const key = request.method === "POST" ? request.headers.get("idempotency-key") : null;
      return key === null ? await run() : await idempotent(ctx, key, `POST ${new URL(request.url).pathname}`, run);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

function respond(result: Response | object | void): Response {
  if (result instanceof Response) return result;
  if (result === undefined) return new Response(null, { status: 204 });
  return NextResponse.json(result);
}

/** A POST with an Idempotency-Key runs once; repeats get the first answer, marked as a replay. */
async function idempotent(ctx: Context, key: string, request: string, run: () => Promise<Response>): Promise<Response> {
  const claim = await claimIdempotencyKey(ctx, key, request);
  if ("replay" in claim) {
    const { status, body } = claim.replay;
    return body === null ? new Response(null, { status, headers: { "idempotent-replayed": "true" } }) : NextResponse.json(body, { status, headers: { "idempotent-replayed": "true" } });
  }
  const response = await run();
  if (response.status >= 500) {
    await releaseIdempotencyKey(ctx, key);
    return response;
  }
  const text = await response.clone().text();
  await completeIdempotencyKey(ctx, key, response.status, text ? JSON.parse(text) : undefined);
  return response;
}

export function errorResponse(e: unknown): Response {
  if (e instanceof DomainError) {
    const headers = e.status === 401 ? { "www-authenticate": 'Bearer realm="capstan"' } : undefined;
    return NextResponse.json({ error: { code: e.code, message: e.message, fields: e.fields } }, { status: e.status, headers });
  }
  console.error(e);
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong on our side.", fields: {} } }, { status: 500 });
}

export const created = (body: object, location: string) => NextResponse.json(body, { status: 201, headers: { location } });

/** The query string as a plain object for a use case's query schema. */
export const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

/** Reads a JSON body: 415 unless JSON, 413 when too large, 400 when it does not parse. */
export async function body(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json"))
    throw new DomainError("unsupported_media_type", 415, "Send the body as application/json.", { body: "must be JSON" });
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await readLimited(request);
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The body is not valid JSON.", { body: "is not valid JSON" });
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
  return Buffer.concat(chunks).toString("utf8");
}

const tooLarge = () =>
  new DomainError("payload_too_large", 413, `The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`, { body: "is too large" });

/** A path parameter as text: decoded once more if it still holds %-escapes, and never a 500 for bad ones. */
export function decodedParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
