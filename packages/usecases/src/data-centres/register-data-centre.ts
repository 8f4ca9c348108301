import { secrets } from "@capstan/db/secrets";
import { canManageFleet, DataCentreCreate, domainError, parseInput } from "@capstan/domain";
import { validHarborUrl } from "./harbor-url";
import type { Context } from "../context";
import { mutation } from "../mutation";
import { toDataCentreDto } from "./data-centre-dto";
import { dnsColumns, validPowerdnsUrl, zoneFree } from "./dns-settings";

export async function registerDataCentre(ctx: Context, input: unknown) {
  if (!canManageFleet(ctx.actor)) throw domainError("forbidden_register_data_centre");
  const { harborPassword, dnsZone, dnsProvider, dnsTarget, powerdnsUrl, powerdnsApiKey, ...data } = parseInput(DataCentreCreate, input);
  await validHarborUrl(data.harborUrl);
  await validPowerdnsUrl(powerdnsUrl);
  const dns = dnsColumns({ dnsZone, dnsProvider, dnsTarget, powerdnsUrl, powerdnsApiKey });
  return mutation(ctx, async (tx, audit) => {
    await zoneFree(tx, dnsZone);
    const dto = toDataCentreDto(await tx.dataCentre.create({ data: { ...data, ...dns, harborPasswordEnc: secrets().seal(harborPassword) } }), []);
    await audit({ action: "datacentre.register", targetType: "datacentre", targetId: dto.name, targetName: dto.name, after: dto });
    return dto;
  });
}
