import { secrets } from "@capstan/db/secrets";
import { invalid } from "@capstan/domain";
import { HarborClient } from "@capstan/orchestrator";

type DataCentre = { name: string; harborUrl: string; harborUsername: string; harborPasswordEnc: Uint8Array };

/**
 * 422 when the data centre's Harbor says the tag is not there. A registry that cannot answer within two
 * seconds does not block a deploy: the tag is then unverified, and the group page shows the pull error
 * if it really is missing.
 */
export async function assertImageExists(dc: DataCentre, system: string, application: string, tag: string): Promise<void> {
  const harbor = new HarborClient(dc.harborUrl, dc.harborUsername, secrets().open(dc.harborPasswordEnc));
  const found = await harbor.hasTag(system, application, tag).catch(() => undefined);
  if (found === false) throw invalid(`${system}/${application}:${tag} is not in the registry of ${dc.name}.`, { imageTag: `is not in the registry of ${dc.name}` });
}
