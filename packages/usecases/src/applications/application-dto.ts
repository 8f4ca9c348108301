import type { Application } from "@capstan/db";

export const toApplicationDto = (a: Application, system: string, groupCount?: number) => ({
  name: a.name,
  system,
  displayName: a.displayName,
  description: a.description,
  runtime: a.runtime,
  port: a.port,
  protocol: a.protocol,
  healthCheckPath: a.healthCheckPath,
  gitRepository: a.gitRepository,
  gitBranch: a.gitBranch,
  dockerfilePath: a.dockerfilePath,
  buildCommand: a.buildCommand,
  version: a.version,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
  ...(groupCount === undefined ? {} : { groupCount }),
});
export type ApplicationDto = ReturnType<typeof toApplicationDto>;
