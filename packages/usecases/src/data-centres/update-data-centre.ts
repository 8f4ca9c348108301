import { secrets } from "@capstan/db/secrets";
import { canManageFleet, DataCentreUpdate, domainError, fieldError, notFound, parseInput } from "@capstan/domain";
import type { Context } from "../context";
import { bumpVersion, mutation } from "../mutation";
import { toDataCentreDto } from "./data-centre-dto";
import { beforeDnsChange, dnsColumns, validPowerdnsUrl } from "./dns-settings";
import { validHarborUrl } from "./harbor-url";

export async function updateDataCentre(ctx: Context, name: string, input: unknown) {
  if (!canManageFleet(ctx.actor)) throw domainError("forbidden_change_data_centre");
  const { version, harborPassword, dnsZone, dnsProvider, dnsTarget, powerdnsUrl, powerdnsApiKey, ...changes } = parseInput(DataCentreUpdate, input);
  const dnsInput = { dnsZone, dnsProvider, dnsTarget, powerdnsUrl, powerdnsApiKey };
  if (changes.harborUrl !== undefined) await validHarborUrl(changes.harborUrl);
  await validPowerdnsUrl(powerdnsUrl);
  return mutation(ctx, async (tx, audit) => {
    const before = await tx.dataCentre.findUnique({ where: { name } });
    if (!before) throw notFound("Data centre", name);
    // The stored password must not follow the URL to a new host unless someone types it again.
    if (changes.harborUrl && changes.harborUrl !== before.harborUrl && harborPassword === undefined)
      throw domainError("harbor_password_required", {}, { harborPassword: fieldError("required_with_harbor_url") });
    const harborPasswordEnc = harborPassword === undefined ? undefined : secrets().seal(harborPassword);
    const dns = dnsColumns(dnsInput, before);
    await beforeDnsChange(tx, before, dnsInput);
    await bumpVersion(
      (v) => tx.dataCentre.updateMany({ where: { id: before.id, ...v }, data: { ...changes, ...dns, harborPasswordEnc, version: { increment: 1 } } }),
      version,
      "Data centre",
      name,
    );
    const after = toDataCentreDto(await tx.dataCentre.findUniqueOrThrow({ where: { id: before.id } }));
    await audit({
      action: "datacentre.update",
      targetType: "datacentre",
      targetId: name,
      targetName: name,
      before: toDataCentreDto(before),
      after: { ...after, harborPasswordChanged: harborPassword !== undefined, powerdnsApiKeyChanged: powerdnsApiKey !== undefined },
    });
    return after;
  });
}
