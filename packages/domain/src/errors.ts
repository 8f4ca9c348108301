// Errors every layer understands. The API maps `status` straight to HTTP; pages show `message`.

export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 502,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const invalid = (message: string, fields: FieldErrors = {}) =>
  new DomainError("invalid", 422, message, fields);
export const badRequest = (message: string, fields: FieldErrors = {}) =>
  new DomainError("bad_request", 400, message, fields);
export const unauthenticated = (message = "Sign in or send a valid API token.") =>
  new DomainError("unauthenticated", 401, message);
export const forbidden = (message = "You are not allowed to do this.") =>
  new DomainError("forbidden", 403, message);
export const notFound = (what: string, name: string, fields: FieldErrors = {}) =>
  new DomainError("not_found", 404, `${what} "${name}" was not found.`, fields);
export const conflict = (message: string, fields: FieldErrors = {}) =>
  new DomainError("conflict", 409, message, fields);
/** Optimistic concurrency: someone else changed the record since it was read. */
export const staleVersion = (what: string, name: string) =>
  new DomainError(
    "stale_version",
    409,
    `${what} "${name}" was changed by someone else. Reload and try again.`,
    { version: "out of date" },
  );
