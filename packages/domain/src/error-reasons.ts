// The catalogue of error reasons: each stable code a DomainError can carry as its `reason`, with its
// HTTP kind (`code`, `status`) and its English text, where `{param}` is filled from the error's `params`.
// The API sends the English text as `message` and the reason and params beside it, so the portal can
// render the same message in the reader's language. A reason, once published, keeps its meaning and
// params; a changed message gets a new reason.

/** One entry: the error's kind (the API's `error.code`), its HTTP status and its English template. */
export interface ErrorReasonEntry {
  code: string;
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 502;
  en: string;
}

export const ERROR_REASONS = {
  invalid_request: { code: "invalid", status: 422, en: "Invalid request: {summary}" },
  invalid_query: { code: "bad_request", status: 400, en: "Invalid query: {summary}" },
  unauthenticated: { code: "unauthenticated", status: 401, en: "Sign in or send a valid API token." },
  forbidden: { code: "forbidden", status: 403, en: "You are not allowed to do this." },
  password_change_required: { code: "password_change_required", status: 403, en: "Change your password first: it was set for you and must be replaced." },
  not_found: { code: "not_found", status: 404, en: '{what} "{name}" was not found.' },
  stale_version: { code: "stale_version", status: 409, en: '{what} "{name}" was changed by someone else. Reload and try again.' },
  database_refused: { code: "bad_request", status: 400, en: "The request was refused: {detail}" },
  registry_answered: { code: "registry_unavailable", status: 502, en: "The registry of {dataCentre} answered {status}." },
  registry_unreachable: { code: "registry_unavailable", status: 502, en: "The registry of {dataCentre} could not be reached." },
} as const satisfies Record<string, ErrorReasonEntry>;

export type ErrorReason = keyof typeof ERROR_REASONS;
/** Values filled into a reason's template: names, numbers, already-formatted quantities. */
export type ErrorParams = Record<string, string | number>;

/**
 * The English text of `reason` with `params` filled in.
 * @throws Error when the template names a param that `params` lacks (a programming error).
 */
export function renderReason(reason: ErrorReason, params: ErrorParams): string {
  return ERROR_REASONS[reason].en.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`error reason ${reason} needs the param ${name}`);
    return String(params[name]);
  });
}
