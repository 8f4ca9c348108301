// Kubernetes-shaped errors: every failure leaves the API server as a metav1.Status.
export interface Cause {
  reason?: string;
  message: string;
  field?: string;
}

export class ApiError extends Error {
  constructor(
    public code: number,
    public reason: string,
    message: string,
    public details?: { name?: string; group?: string; kind?: string; causes?: Cause[]; retryAfterSeconds?: number },
  ) {
    super(message);
  }
  toStatus() {
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      details: this.details,
      code: this.code,
    };
  }
}

const gr = (group: string, plural: string) => (group ? `${plural}.${group}` : plural);

export const notFound = (group: string, plural: string, name: string) =>
  new ApiError(404, "NotFound", `${gr(group, plural)} "${name}" not found`, { name, group, kind: plural });
export const alreadyExists = (group: string, plural: string, name: string) =>
  new ApiError(409, "AlreadyExists", `${gr(group, plural)} "${name}" already exists`, { name, group, kind: plural });
export const conflict = (
  group: string,
  plural: string,
  name: string,
  why = "the object has been modified; please apply your changes to the latest version and try again",
) => new ApiError(409, "Conflict", `Operation cannot be fulfilled on ${gr(group, plural)} "${name}": ${why}`, { name, group, kind: plural });
export const invalid = (group: string, kind: string, name: string, causes: Cause[]) =>
  new ApiError(
    422,
    "Invalid",
    `${kind}${group ? "." + group : ""} "${name}" is invalid: ${causes.map((c) => `${c.field ? c.field + ": " : ""}${c.message}`).join(", ")}`,
    { name, group, kind, causes: causes.map((c) => ({ reason: c.reason ?? "FieldValueInvalid", ...c })) },
  );
export const forbidden = (group: string, plural: string, name: string, why: string) =>
  new ApiError(403, "Forbidden", `${gr(group, plural)} "${name}" is forbidden: ${why}`, { name, group, kind: plural });
export const badRequest = (msg: string) => new ApiError(400, "BadRequest", msg);
export const gone = (msg: string) => new ApiError(410, "Expired", msg);
export const tooMany = (msg = "too many requests", retryAfterSeconds = 1) => new ApiError(429, "TooManyRequests", msg, { retryAfterSeconds });
export const internal = (msg = "simulated internal error") => new ApiError(500, "InternalError", msg);
