// Which answers an Idempotency-Key keeps for replay (issue 12, finding 7).

/**
 * Whether the answer (HTTP `status`) to a POST that carried an Idempotency-Key is stored and replayed to a
 * repeat with the same key (`true`), or the key is released so that a repeat runs the request again (`false`).
 *
 * Source: Stripe, "Idempotent requests" (https://docs.stripe.com/api/idempotent_requests) and "Advanced error
 * handling" (https://docs.stripe.com/error-low-level#idempotency): a result is saved only once the endpoint has
 * begun its work; a request refused by validation, or because it conflicted with another one running at the
 * same time, saves no result and may be retried with the same key. In Capstan a request has done its work
 * only when it succeeds: every refusal rolls its transaction back and writes nothing (api.fuzz.int.test.ts
 * checks that for every route). Hence, for every status the API answers:
 * - 2xx (200, 201, 202 bulk job accepted, 204): replayed. The work is done; a repeat must not do it again
 *   (a second group, a second scale step, a second bulk transition job).
 * - 4xx (400, 401, 403, 404, 409, 413, 415, 422, 429): not kept. A refusal that depends on the request alone
 *   (malformed JSON, a field the schema refuses) is refused again identically when run again; one that
 *   depends on state changes with it: 409 over quota, stale `version`, name taken, a concurrent change;
 *   403 until a role is granted; 404 until a parent exists; 422 for an image not yet pushed or an email
 *   with no account yet; 429 until the window passes. Replaying those would repeat a stale refusal.
 * - 5xx (500, 502 registry or cluster unreachable, 503): not kept (Stripe v1 replays 500s): the
 *   transaction rolled back, so running again is safe and is the only way to get an answer.
 * A repeat while the first request still runs is refused with 409 before it runs, and that refusal is not
 * kept either (claimIdempotencyKey in packages/usecases).
 */
export const keptForReplay = (status: number): boolean => status >= 200 && status < 300;
