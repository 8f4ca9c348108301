import type { Context } from "../context";
import { toBuildDto } from "./build-dto";
import { findBuild, triggerNames } from "./find-build";

/** One build of an application (anyone who can read the system). @throws DomainError not_found (404) */
export async function getBuild(ctx: Context, system: string, application: string, id: string) {
  const { build } = await findBuild(ctx.db, ctx.actor, system, application, id);
  return toBuildDto(build, { system, application, dataCentre: build.dataCentre.name }, await triggerNames(ctx.db, [build]));
}
