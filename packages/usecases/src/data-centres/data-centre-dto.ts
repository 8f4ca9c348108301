import type { DataCentre } from "@capstan/db";
import { type Actor, readsEverything } from "@capstan/domain";

/** Never includes the Harbor password. The whole record, for platform roles and audit events. */
export const toDataCentreDto = (d: DataCentre, clusters?: { name: string; status: string }[]) => ({
  name: d.name,
  displayName: d.displayName,
  region: d.region,
  harborUrl: d.harborUrl,
  harborUsername: d.harborUsername,
  builderImage: d.builderImage,
  buildsPerSystem: d.buildsPerSystem,
  version: d.version,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
  ...(clusters ? { clusters } : {}),
});
type FullDataCentreDto = ReturnType<typeof toDataCentreDto>;
/** A data centre as a reader sees it: `harborUsername` only for platform roles. */
export type DataCentreDto = Omit<FullDataCentreDto, "harborUsername"> & Partial<Pick<FullDataCentreDto, "harborUsername">>;

/**
 * What a reader may see of a data centre. Department roles do not see the Harbor account Capstan uses
 * (an administrator's name); they do see the Harbor URL, the registry their images are pushed to and
 * pulled from, and each cluster's name and health.
 */
export function dataCentreFor(actor: Actor, dto: FullDataCentreDto): DataCentreDto {
  if (readsEverything(actor)) return dto;
  const { harborUsername: _username, ...rest } = dto;
  return rest;
}
