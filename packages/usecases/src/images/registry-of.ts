// A data centre's registry as the image use cases reach it: Harbor's REST API as Capstan's admin account,
// the same registry's OCI endpoint for copies, and the host people and pods push to and pull from.
import type { Tx } from "@capstan/db";
import { secrets } from "@capstan/db/secrets";
import { domainError } from "@capstan/domain";
import { HarborClient, logOutboundFailure, type RegistryEndpoint } from "@capstan/orchestrator";

/** The fields of a DataCentre row the registry needs. */
export interface RegistryDataCentre {
  id: string;
  name: string;
  harborUrl: string;
  harborUsername: string;
  harborPasswordEnc: Uint8Array;
}

/** Harbor's REST API of the data centre, as Capstan's admin account. */
export const harborOf = (dc: RegistryDataCentre) => new HarborClient(dc.harborUrl, dc.harborUsername, secrets().open(dc.harborPasswordEnc));

/** The data centre's registry for OCI Distribution calls (copies), as Capstan's admin account. */
export const endpointOf = (dc: RegistryDataCentre): RegistryEndpoint => ({
  url: dc.harborUrl,
  username: dc.harborUsername,
  password: secrets().open(dc.harborPasswordEnc),
});

/** The registry's host[:port], as `docker login`, image names and pods use it. */
export const registryHost = (dc: RegistryDataCentre) => new URL(dc.harborUrl).host;

/** The data centres where the system has a quota (and so a Harbor project), by name. */
export async function quotaDataCentres(db: Pick<Tx, "systemQuota">, systemId: string) {
  const quotas = await db.systemQuota.findMany({ where: { systemId }, include: { dataCentre: true }, orderBy: { dataCentre: { name: "asc" } } });
  return quotas.map((q) => q.dataCentre);
}

/**
 * A registry failure as people are told it: the status Harbor answered, or that it could not be reached;
 * the details (addresses, bodies) go to the server log only.
 */
export function registryFailure(dataCentre: string, e: unknown) {
  const status = (e as { status?: number }).status;
  if (!status) logOutboundFailure(`the registry of ${dataCentre}`, e);
  return status ? domainError("registry_answered", { dataCentre, status }) : domainError("registry_unreachable", { dataCentre });
}
