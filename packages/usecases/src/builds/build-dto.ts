import type { Build } from "@capstan/db";
import type { BuildDto } from "@capstan/domain";

/** A Build row as the API shows it (`BuildSchema`); `people` maps user ids to names (personName) for `triggeredBy`. */
export function toBuildDto(
  b: Build,
  names: { system: string; application: string; dataCentre: string },
  people: ReadonlyMap<string, string> = new Map(),
): BuildDto {
  return {
    id: b.id,
    number: b.number,
    system: names.system,
    application: names.application,
    dataCentre: names.dataCentre,
    ref: b.gitRef,
    commit: b.commitSha,
    tag: b.imageTag,
    digest: b.digest,
    status: b.status,
    reason: b.reason,
    message: b.message,
    trigger: b.trigger,
    triggeredBy: (b.triggeredById && people.get(b.triggeredById)) ?? null,
    createdAt: b.createdAt.toISOString(),
    startedAt: b.startedAt?.toISOString() ?? null,
    finishedAt: b.finishedAt?.toISOString() ?? null,
  };
}
