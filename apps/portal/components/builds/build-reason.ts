// Why a build ended, in the reader's language. The worker and the builder record a CamelCase reason with an
// English message (docs/builds.md); the portal words the reasons it knows from its catalogues
// (`builds.reasons`), keeping the code for searching logs and docs, and shows an unknown reason (a Job
// condition Kubernetes may add later) with its message as recorded. A plain module: the build page, a
// server component, calls it.
import type { BuildDto } from "@capstan/domain";
import type { MessageKey, Translate } from "@/messages";
import { en } from "@/messages/en";

/** "git could not fetch main (CloneFailed)"; "" for a build that has no reason (it has not ended, or it succeeded). */
export function buildReasonText(t: Translate, b: Pick<BuildDto, "reason" | "message" | "ref" | "dataCentre">): string {
  if (!b.reason) return "";
  if (!Object.hasOwn(en.builds.reasons, b.reason)) return `${b.reason}: ${b.message ?? ""}`;
  return `${t(`builds.reasons.${b.reason}` as MessageKey, { ref: b.ref, dataCentre: b.dataCentre })} (${b.reason})`;
}
