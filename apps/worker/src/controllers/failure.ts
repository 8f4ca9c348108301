// A failed reconcile as it is recorded on its object, Kubernetes-style: a CamelCase reason a program can
// test, a message a person reads, and when.
import { isAbort, reconcileErrorMessage } from "@capstan/orchestrator";

/** The last failure of a reconcile; the attempts are counted by the object's status writer. */
export interface Failure {
  /** CamelCase, e.g. `Forbidden`, `DeadlineExceeded`, `ReconcileError`. */
  reason: string;
  /** What any reader of the object may see (reconcileErrorMessage: no bodies, at most 1,000 characters). */
  message: string;
  at: Date;
}

/**
 * HTTP statuses an API server answers with, as Kubernetes' `StatusReason`s
 * (k8s.io/apimachinery/pkg/apis/meta/v1/types.go), for answers that carry no Status of their own.
 */
const HTTP_REASONS: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  409: "Conflict",
  410: "Expired",
  415: "UnsupportedMediaType",
  422: "Invalid",
  429: "TooManyRequests",
  500: "InternalError",
  503: "ServiceUnavailable",
  504: "Timeout",
};

/** The reason of an API answer's `Status` body, parsed or as text, if it has one. */
function statusReason(body: unknown): string | undefined {
  try {
    const parsed = (typeof body === "string" ? JSON.parse(body) : body) as { kind?: unknown; reason?: unknown } | null;
    return parsed?.kind === "Status" && typeof parsed.reason === "string" && /^[A-Z][A-Za-z]*$/.test(parsed.reason) ? parsed.reason : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The failure an error stands for: a cluster's answer gives its Status reason (else its HTTP status's), a
 * registry's refusal its HTTP status's (HarborClient's errors carry `status`), a deadline gives
 * `DeadlineExceeded` (as a Deployment's progress deadline does), anything else `ReconcileError`.
 */
export function failureOf(e: unknown, at = new Date()): Failure {
  const message = reconcileErrorMessage(e);
  const { code, status, body, name } = (e ?? {}) as { code?: unknown; status?: unknown; body?: unknown; name?: unknown };
  const http = typeof code === "number" ? code : status;
  let reason = "ReconcileError";
  if (isAbort(e) || name === "JobDeadlineError") reason = "DeadlineExceeded";
  else if (typeof http === "number" && http >= 400) reason = statusReason(body) ?? HTTP_REASONS[http] ?? `Http${http}`;
  return { reason, message, at };
}
