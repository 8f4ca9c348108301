// Results that carry a secret shown once (a new API token): marked, so that nothing which keeps
// answers (the API's Idempotency-Key cache) keeps this one.
const SECRET = Symbol("capstan.holdsSecret");

/** `result`, marked as holding a secret; the mark is a symbol, so it never reaches JSON. */
export function withSecret<T extends object>(result: T): T {
  Object.defineProperty(result, SECRET, { value: true, enumerable: false });
  return result;
}

/** Whether `value` was marked by withSecret. */
export const holdsSecret = (value: unknown): boolean => value !== null && typeof value === "object" && SECRET in value;
