"use client";
// Under a quota refusal (creating or scaling a group): a link to the quota request form, pre-filled with
// the system, the data centre and what is missing (the refusal's askCpu, askMemory, askGpu, askInstances).
import Link from "next/link";
import { useT } from "@/lib/client/i18n";
import { askForQuotaHref } from "./ask-for-quota-href";

export function AskForQuotaLink({ error }: { error: Error | null }) {
  const t = useT();
  const href = askForQuotaHref(error);
  if (!href) return null;
  return (
    <Link href={href} className="link mt-1 block text-sm" data-testid="ask-for-quota">
      {t("quotas.ask")}
    </Link>
  );
}
