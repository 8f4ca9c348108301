import type { System } from "@capstan/db";

export const toSystemDto = (s: System & { department: { name: string } }, counts?: { applications: number; members: number }) => ({
  name: s.name,
  displayName: s.displayName,
  description: s.description,
  department: s.department.name,
  isolation: s.isolation,
  version: s.version,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
  ...(counts ? { applicationCount: counts.applications, memberCount: counts.members } : {}),
});
export type SystemDto = ReturnType<typeof toSystemDto>;
