"use client";
// Under a quota refusal (creating or scaling a group): a link to the quota request form, pre-filled with
// the system, the data centre and what is missing (the refusal's askCpu, askMemory, askGpu, askInstances).
import Link from "next/link";
import { ApiError } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";

const QUOTA_REFUSALS = new Set(["quota_exceeded", "quota_exceeded_none_set"]);

/** The /quotas address whose request form is pre-filled to cover a quota refusal, or null for any other error. */
export function askForQuotaHref(error: Error | null): string | null {
  if (!(error instanceof ApiError) || !error.reason || !QUOTA_REFUSALS.has(error.reason)) return null;
  const p = error.params;
  const q = new URLSearchParams({
    system: String(p.system ?? ""),
    dataCentre: String(p.dataCentre ?? ""),
    cpu: String(p.askCpu ?? "0"),
    memory: String(p.askMemory ?? "0"),
    gpu: String(p.askGpu ?? 0),
    instances: String(p.askInstances ?? 0),
  });
  return `/quotas?${q}#ask-quota`;
}

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
