import { secrets } from "@capstan/db/secrets";
import { canManageFleet, DataCentreCreate, domainError, parseInput } from "@capstan/domain";
import { validHarborUrl } from "./harbor-url";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { toDataCentreDto } from "./data-centre-dto";

export async function registerDataCentre(ctx: Context, input: unknown) {
  if (!canManageFleet(ctx.actor)) throw domainError("forbidden_register_data_centre");
  const { harborPassword, ...data } = parseInput(DataCentreCreate, input);
  await validHarborUrl(data.harborUrl);
  return mutation(ctx, async (tx, audit) => {
    const dto = toDataCentreDto(await tx.dataCentre.create({ data: { ...data, harborPasswordEnc: secrets().seal(harborPassword) } }), []);
    await audit({ action: "datacentre.register", targetType: "datacentre", targetId: dto.name, targetName: dto.name, after: dto });
    return dto;
  });
}
