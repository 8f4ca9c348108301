// Reading a group's logs (docs/logs.md): the query the API takes and the limits it enforces.
import { z } from "zod";
import { QueryFlag } from "./schemas";

/** The most lines `tailLines` may ask for per pod (a simulated or real kubelet keeps about this many). */
export const LOG_MAX_TAIL_LINES = 100_000;
/** The longest `sinceSeconds`: 30 days. */
export const LOG_MAX_SINCE_SECONDS = 30 * 24 * 3600;
/** The largest `limitBytes`: 256 MiB. */
export const LOG_MAX_LIMIT_BYTES = 256 * 1024 * 1024;

const whole = (min: number, max: number) =>
  z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

/**
 * GET …/groups/{group}/logs: Kubernetes' PodLogOptions for one pod of the group (`pod`) or all of them
 * merged, with the same names and meanings (`sinceSeconds` and `tailLines` apply per pod; `limitBytes` to
 * the whole answer).
 */
export const GroupLogQuery = z.strictObject({
  pod: z.string().min(1, "must not be empty").max(253, "must be at most 253 characters").optional(),
  container: z.string().min(1, "must not be empty").max(63, "must be at most 63 characters").optional(),
  follow: QueryFlag.optional(),
  previous: QueryFlag.optional(),
  timestamps: QueryFlag.optional(),
  tailLines: whole(0, LOG_MAX_TAIL_LINES).optional(),
  sinceSeconds: whole(1, LOG_MAX_SINCE_SECONDS).optional(),
  limitBytes: whole(1, LOG_MAX_LIMIT_BYTES).optional(),
});
export type GroupLogQuery = z.infer<typeof GroupLogQuery>;
