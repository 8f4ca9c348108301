import type { GroupRevisionDto } from "@capstan/domain";
import type { MessageKey, Translate } from "@/messages";

const FIELD_LABELS: Record<string, MessageKey> = {
  imageTag: "groups.image",
  imageDigest: "groups.imageDigest",
  cpu: "groups.cpu",
  memory: "groups.memory",
  gpu: "groups.gpu",
  cpuMode: "groups.cpuMode",
  zone: "groups.zone",
  resourceLabels: "groups.resourceLabels",
  env: "groups.env",
  healthCheck: "groups.healthCheck",
};

/** A group spec field's label in the reader's language (`imageTag` → "Image"); an unknown field as named. */
export const fieldLabel = (t: Translate, f: string): string => (FIELD_LABELS[f] ? t(FIELD_LABELS[f]!) : f);

/**
 * Why a revision was made, in the reader's language, from its parsed cause (parseChangeCause); a change
 * cause Capstan did not write is shown as stored. Used by the release history and the dashboard.
 */
export function causeText(t: Translate, r: Pick<GroupRevisionDto, "cause" | "changeCause">): string {
  const c = r.cause;
  if (!c) return r.changeCause;
  const field = (f: string) => fieldLabel(t, f);
  switch (c.kind) {
    case "created":
      return t("groups.causeCreated");
    case "restarted":
      return t("groups.causeRestarted");
    case "rolledOut":
      return t("groups.causeRolledOut", { image: c.image });
    case "rolledBack":
      return t("groups.causeRolledBack", { revision: c.revision });
    case "followed":
      return t("groups.causeFollowed", { branch: c.branch, build: c.build, image: c.image });
    case "changed":
      return c.fields.length ? t("groups.causeChanged", { fields: c.fields.map(field).join(", ") }) : t("groups.causeChangedNothing");
  }
}
