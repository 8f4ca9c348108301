// fetch for the browser: JSON in and out, and API errors as exceptions that keep their field reasons.
// Every request says it comes from the portal's own pages (X-Capstan-Csrf, see lib/server/csrf.ts);
// the browser adds the Origin header that the API also checks.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
    /** The refusal's stable reason and params (docs/errors.md), for messages and links the portal builds. */
    readonly reason?: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

export async function apiFetch<T>(url: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const res = await fetch(url, {
    method: init?.method ?? "GET",
    headers: init?.body === undefined ? { "x-capstan-csrf": "1" } : { "x-capstan-csrf": "1", "content-type": "application/json" },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (res.status === 204) return undefined as T;
  const payload = await res.json().catch(() => null);
  if (!res.ok) {
    const err = payload?.error;
    throw new ApiError(res.status, err?.message ?? `Request failed (${res.status})`, err?.fields ?? {}, err?.reason, err?.params ?? {});
  }
  return payload as T;
}
