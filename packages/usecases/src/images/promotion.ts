// Promotion by digest, without an actor: copies an image from one data centre's registry to others and
// verifies it there. The promote use case (promote-image.ts) authorises and audits around it; the worker
// (a group following a branch) may call it as it is.
import { copyImage, type CopyResult, manifestDigest, RegistryCopyError } from "@capstan/orchestrator";
import { endpointOf, harborOf, type RegistryDataCentre } from "./registry-of";

/** One target's outcome: what the copy sent, or why it failed. */
export type TargetOutcome = { dataCentre: string; result: CopyResult } | { dataCentre: string; error: unknown };

/**
 * Copies `<project>/<repository>:<reference>` (a tag or a sha256 digest) from `source` to every target
 * data centre's registry at once, preserving the digest (copyImage: manifest bytes unchanged, children of
 * an index first, blobs streamed or mounted, then a HEAD that must answer the same digest). The target's
 * project is made first if missing. `tag` is put on the targets too (by default the reference when it is a
 * tag). Resolves to one outcome per target, in the order given; never throws for a target's failure.
 * Throws RegistryCopyError with status 404 when the source does not have the reference.
 */
export async function copyToDataCentres(
  source: RegistryDataCentre,
  targets: RegistryDataCentre[],
  project: string,
  repository: string,
  reference: string,
  tag?: string,
): Promise<TargetOutcome[]> {
  const from = endpointOf(source);
  // Read once first, so a missing source is one clear refusal rather than one per target.
  const digest = await manifestDigest(from, `${project}/${repository}`, reference);
  if (!digest) throw new RegistryCopyError(`${project}/${repository}:${reference} is not in the registry of ${source.name}`, 404);
  return Promise.all(
    targets.map(async (dc): Promise<TargetOutcome> => {
      try {
        await harborOf(dc).ensureProject(project);
        // By digest: what was checked above is what is copied, even if the tag moves meanwhile.
        const result = await copyImage(from, endpointOf(dc), `${project}/${repository}`, digest, {
          tag: tag ?? (reference.startsWith("sha256:") ? undefined : reference),
        });
        return { dataCentre: dc.name, result };
      } catch (error) {
        return { dataCentre: dc.name, error };
      }
    }),
  );
}
