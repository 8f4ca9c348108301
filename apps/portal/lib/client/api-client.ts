// fetch for the browser: JSON in and out, and API errors as exceptions that keep their field reasons.
// Every request says it comes from the portal's own pages (X-Capstan-Csrf, see lib/server/csrf.ts);
// the browser adds the Origin header that the API also checks.
import type { ErrorParams } from "@capstan/domain";
import type { FieldReasonBody, ServerErrorBody } from "@/messages/reasons";

/**
 * An API refusal: `message` and `fields` in English, and the stable `reason`, `params` and `fieldReasons`
 * from which the portal renders it in the reader's language (messages/reasons.ts, useErrorText).
 */
export class ApiError extends Error implements ServerErrorBody {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
    /** The refusal's stable reason and params (docs/errors.md), for messages and links the portal builds. */
    readonly reason?: string,
    readonly params: ErrorParams = {},
    readonly fieldReasons?: Record<string, FieldReasonBody>,
  ) {
    super(message);
  }
}

/** ConnectionError's English message (pages show `connection.actionFailed` from the catalogues instead). */
const CONNECTION_LOST = "Could not reach the server: the connection is lost. Try again once it is back.";

/**
 * The server could not be reached (fetch rejected: offline, server down, connection reset), so nothing is
 * known of the request's fate. Pages show it in the reader's language (FormError, ConnectionBanner); the
 * message is the English fallback, instead of the browser's "Failed to fetch".
 */
export class ConnectionError extends Error {
  constructor(readonly cause: unknown) {
    super(CONNECTION_LOST);
  }
}

export async function apiFetch<T>(url: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const res = await fetch(url, {
    method: init?.method ?? "GET",
    headers: init?.body === undefined ? { "x-capstan-csrf": "1" } : { "x-capstan-csrf": "1", "content-type": "application/json" },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  }).catch((e: unknown) => {
    throw new ConnectionError(e);
  });
  if (res.status === 204) return undefined as T;
  const payload = await res.json().catch(() => null);
  if (!res.ok) {
    const err = payload?.error;
    throw new ApiError(res.status, err?.message ?? `Request failed (${res.status})`, err?.fields ?? {}, err?.reason, err?.params, err?.fieldReasons);
  }
  return payload as T;
}
