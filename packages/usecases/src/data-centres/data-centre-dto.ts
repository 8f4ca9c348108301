import type { DataCentre } from "@capstan/db";

/** Never includes the Harbor password. */
export const toDataCentreDto = (d: DataCentre, clusters?: { name: string; status: string }[]) => ({
  name: d.name,
  displayName: d.displayName,
  region: d.region,
  harborUrl: d.harborUrl,
  harborUsername: d.harborUsername,
  version: d.version,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
  ...(clusters ? { clusters } : {}),
});
export type DataCentreDto = ReturnType<typeof toDataCentreDto>;
