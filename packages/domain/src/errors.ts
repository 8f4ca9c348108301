// Errors every layer understands. The API maps `status` straight to HTTP; pages show `message`.
// Every error is made from the catalogue (error-reasons.ts): it carries its `reason` and `params`, and
// each refused field its own field reason and params, so the portal can render it in the reader's
// language; `message` and `fields` stay the English text.
import { ERROR_REASONS, type ErrorParams, type ErrorReason, type FieldReason, renderFieldReason, renderReason } from "./error-reasons";

export type { ErrorParams, ErrorReason, FieldReason, InitCheckReason } from "./error-reasons";
export { ERROR_REASONS, FIELD_REASONS, INIT_CHECK_REASONS } from "./error-reasons";

/** The English text per field, as the API sends it in `fields`, e.g. `{ name: "is required" }`. */
export type FieldErrors = Record<string, string>;

/** Why one field was refused: a reason from FIELD_REASONS, the values of its template, and its English text. */
export interface FieldError {
  reason: FieldReason;
  params: ErrorParams;
  /** The English sent in `fields`: the catalogue's text, or a schema's own wording for a zod issue. */
  message: string;
}

/** Field path (e.g. "quota.cpu", "labels.zone") → why it was refused. */
export type FieldProblems = Record<string, FieldError>;

/** The field error `reason` with its English text rendered from the catalogue. @throws Error when a param is missing. */
export function fieldError(reason: FieldReason, params: ErrorParams = {}): FieldError {
  return { reason, params, message: renderFieldReason(reason, params) };
}

export class DomainError extends Error {
  /** The kind of error, stable, sent as the API's `error.code` (invalid, not_found, conflict …). */
  readonly code: string;
  readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 502 | 503;
  /** The English reason per field, e.g. `{ name: "is required" }`. */
  readonly fields: FieldErrors;
  /** The reason and params per field, e.g. `{ name: { reason: "required", params: {} } }`. */
  readonly fieldReasons: Record<string, { reason: FieldReason; params: ErrorParams }>;

  /**
   * The error the catalogue describes for `reason`: its kind, status and English message with `params`
   * filled in, and why each field in `problems` was refused.
   * @throws Error when the reason's template names a param `params` lacks (a programming error).
   */
  constructor(
    /** Which message this is, from the catalogue. */
    readonly reason: ErrorReason,
    /** The values the reason's template is filled with. */
    readonly params: ErrorParams = {},
    problems: FieldProblems = {},
  ) {
    super(renderReason(reason, params));
    this.name = "DomainError";
    ({ code: this.code, status: this.status } = ERROR_REASONS[reason]);
    this.fields = Object.fromEntries(Object.entries(problems).map(([k, p]) => [k, p.message]));
    this.fieldReasons = Object.fromEntries(Object.entries(problems).map(([k, p]) => [k, { reason: p.reason, params: p.params }]));
  }
}

/**
 * The API's `error` object for `e`: `{ code, message, fields }` in English as ever, and the reason, its
 * params and each field's reason and params (`fieldReasons`), for clients that render it themselves.
 */
export function errorBody(e: DomainError) {
  const { code, message, fields, reason, params, fieldReasons } = e;
  return { code, message, fields, reason, params, fieldReasons };
}

/** The error the catalogue describes for `reason` (see DomainError's constructor). */
export function domainError(reason: ErrorReason, params: ErrorParams = {}, fields: FieldProblems = {}): DomainError {
  return new DomainError(reason, params, fields);
}

export const unauthenticated = () => domainError("unauthenticated");
export const forbidden = () => domainError("forbidden");
/** 404 for the `what` (e.g. "Data centre") called `name`. */
export const notFound = (what: string, name: string, fields: FieldProblems = {}) => domainError("not_found", { what, name }, fields);
/** Optimistic concurrency: someone else changed the record since it was read. */
export const staleVersion = (what: string, name: string) => domainError("stale_version", { what, name }, { version: fieldError("stale_version") });
