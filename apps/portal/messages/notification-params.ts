// A notification's params as its text shows them: names and numbers as they are, a failed build's reason
// (`buildReason`, the build's CamelCase code) worded as the build page words it (`builds.reasons`). Used by
// the portal's notification list and the worker's e-mails and webhook posts, so both read the same.
import type { NotificationParams } from "@capstan/domain";
import { en } from "./en";
import type { MessageKey, Translate } from "./index";

/** `params` with the coded ones in the reader's words; a code the catalogues lack stays as it is. */
export function wordedParams(t: Translate, params: NotificationParams): NotificationParams {
  const { buildReason } = params;
  if (typeof buildReason !== "string" || !Object.hasOwn(en.builds.reasons, buildReason)) return params;
  return {
    ...params,
    buildReason: t(`builds.reasons.${buildReason}` as MessageKey, { ref: String(params.branch ?? ""), dataCentre: String(params.dataCentre ?? "") }),
  };
}
