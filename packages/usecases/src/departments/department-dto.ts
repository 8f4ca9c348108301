import type { Department } from "@capstan/db";

export const toDepartmentDto = (d: Department, systemCount?: number) => ({
  name: d.name,
  displayName: d.displayName,
  description: d.description,
  version: d.version,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
  ...(systemCount === undefined ? {} : { systemCount }),
});
export type DepartmentDto = ReturnType<typeof toDepartmentDto>;
