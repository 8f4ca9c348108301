"use client";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/client/api-client";
import { useT } from "@/lib/client/i18n";
import { ConfirmAction } from "@/components/ui/confirm-action";

/** Cancels a queued or running build, then shows the page again. */
export function CancelBuild({ url, number }: { url: string; number: number }) {
  const t = useT();
  const router = useRouter();
  return (
    <ConfirmAction
      label={t("builds.cancel")}
      title={t("builds.cancel")}
      message={t("builds.cancelMessage", { number })}
      pendingLabel={t("builds.cancelling")}
      danger
      onConfirm={() => apiFetch(`${url}/cancel`, { method: "POST" })}
      invalidate={[]}
      onDone={() => router.refresh()}
    />
  );
}
