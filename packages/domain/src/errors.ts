// Errors every layer understands. The API maps `status` straight to HTTP; pages show `message`.
// An error made from the catalogue (error-reasons.ts) also carries its `reason` and `params`, so the
// portal can render it in the reader's language; `message` stays the English text.
import { ERROR_REASONS, type ErrorParams, type ErrorReason, renderReason } from "./error-reasons";

export type { ErrorParams, ErrorReason } from "./error-reasons";
export { ERROR_REASONS } from "./error-reasons";

export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
  constructor(
    /** The kind of error, stable, sent as the API's `error.code` (invalid, not_found, conflict …). */
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 502,
    message: string,
    /** The English reason per field, e.g. `{ name: "is required" }`. */
    readonly fields: FieldErrors = {},
    /** Which message this is, from the catalogue; undefined for a message not yet in it. */
    readonly reason?: ErrorReason,
    /** The values the reason's template is filled with. */
    readonly params: ErrorParams = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/**
 * The error the catalogue describes for `reason`: its kind, status and English message with `params`
 * filled in, and per-field reasons `fields`.
 */
export function domainError(reason: ErrorReason, params: ErrorParams = {}, fields: FieldErrors = {}): DomainError {
  const { code, status } = ERROR_REASONS[reason];
  return new DomainError(code, status, renderReason(reason, params), fields, reason, params);
}

// The helpers below taking a free-text `message` make errors without a reason; new code should add a
// reason to the catalogue and use domainError (errors.test.ts counts what is left).
export const invalid = (message: string, fields: FieldErrors = {}) => new DomainError("invalid", 422, message, fields);
export const badRequest = (message: string, fields: FieldErrors = {}) => new DomainError("bad_request", 400, message, fields);
export const unauthenticated = (message?: string) =>
  message === undefined ? domainError("unauthenticated") : new DomainError("unauthenticated", 401, message);
export const forbidden = (message?: string) => (message === undefined ? domainError("forbidden") : new DomainError("forbidden", 403, message));
/** 404 for the `what` (e.g. "Data centre") called `name`. */
export const notFound = (what: string, name: string, fields: FieldErrors = {}) => domainError("not_found", { what, name }, fields);
export const conflict = (message: string, fields: FieldErrors = {}) => new DomainError("conflict", 409, message, fields);
/** Optimistic concurrency: someone else changed the record since it was read. */
export const staleVersion = (what: string, name: string) => domainError("stale_version", { what, name }, { version: "out of date" });
